package com.linkwithmentor.meeting.whiteboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.meeting.session.SessionAccess;

import tools.jackson.databind.JsonNode;

/**
 * The board over REST, for the session's participants: read it, replace it whole with the version
 * it was read at ({@code If-Match} or {@code version}; stale is 409), or apply a batch of element
 * operations, exactly as the live socket will.
 */
@RestController
class WhiteboardController {

    private final LiveBoards boards;

    private final SessionAccess sessions;

    private final WhiteboardProperties properties;

    private final OpRates rates;

    WhiteboardController(LiveBoards boards, SessionAccess sessions, WhiteboardProperties properties, OpRates rates) {
        this.boards = boards;
        this.sessions = sessions;
        this.properties = properties;
        this.rates = rates;
    }

    record ElementView(String elementId, String kind, JsonNode data, long version, @Nullable UUID updatedBy,
            java.time.Instant updatedAt) {

        static ElementView of(Whiteboard.Element element) {
            return new ElementView(element.elementId(), element.kind(), element.data(), element.version(), element.updatedBy(),
                    element.updatedAt());
        }
    }

    record BoardView(UUID sessionId, long version, List<ElementView> elements) {
    }

    record ElementInput(@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String elementId,
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,31}") String kind, @NotNull JsonNode data) {
    }

    record BoardDocument(@Min(0) @Nullable Long version, @NotNull @Size(max = 20_000) List<@NotNull @Valid ElementInput> elements) {
    }

    record OpsRequest(@NotNull @Size(min = 1, max = 1000) List<BoardOps.@NotNull @Valid OpInput> ops) {
    }

    record OpsResponse(UUID sessionId, long version, int applied, List<BoardOps.OpResult> results) {
    }

    @GetMapping("/api/v1/sessions/{session_id}/whiteboard")
    ResponseEntity<BoardView> read(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        return withEtag(boards.snapshot(sessionId));
    }

    @PutMapping("/api/v1/sessions/{session_id}/whiteboard")
    ResponseEntity<BoardView> replace(@PathVariable("session_id") UUID sessionId, @Valid @RequestBody BoardDocument document,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch, CurrentUser caller) {
        sessions.requireWorkable(sessionId, caller.id());
        long expected = expectedVersion(ifMatch, document.version());
        if (document.elements().size() > properties.maxElements()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A board holds at most " + properties.maxElements()
                    + " elements", Map.of("field", "elements", "max_elements", properties.maxElements()));
        }
        List<Whiteboard.Add> elements = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < document.elements().size(); i++) {
            ElementInput input = document.elements().get(i);
            String field = "elements[" + i + "].data";
            BoardOps.requireObject(field, input.data());
            if (!ids.add(input.elementId())) {
                throw ApiException.badRequest("elements[" + i + "].element_id", "Element " + input.elementId() + " is listed twice");
            }
            elements.add(new Whiteboard.Add(input.elementId(), input.kind(), input.data()));
        }
        return withEtag(boards.replace(sessionId, expected, elements, caller.id()));
    }

    @PostMapping("/api/v1/sessions/{session_id}/whiteboard/ops")
    OpsResponse apply(@PathVariable("session_id") UUID sessionId, @Valid @RequestBody OpsRequest request, CurrentUser caller) {
        sessions.requireWorkable(sessionId, caller.id());
        List<Whiteboard.Op> ops = BoardOps.parse(request.ops(), properties.maxOpsPerBatch(), "ops");
        rates.take(caller.id(), sessionId, ops.size());
        BoardOps.Results results = BoardOps.results(request.ops(), boards.apply(sessionId, ops, caller.id()));
        return new OpsResponse(sessionId, results.version(), results.applied(), results.results());
    }

    private static long expectedVersion(@Nullable String ifMatch, @Nullable Long version) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            try {
                long parsed = Long.parseLong(tag);
                if (parsed >= 0) {
                    return parsed;
                }
            }
            catch (NumberFormatException ex) {
                // fall through to the 400 below
            }
            throw ApiException.badRequest("If-Match", "If-Match must be the board's version as its ETag gives it, e.g. \"3\"");
        }
        if (version == null) {
            throw ApiException.badRequest("version", "Send the version the board was read at: If-Match or 'version'");
        }
        return version;
    }

    private static ResponseEntity<BoardView> withEtag(LiveBoards.Snapshot snapshot) {
        return ResponseEntity.ok().eTag("\"" + snapshot.version() + "\"").body(new BoardView(snapshot.sessionId(),
                snapshot.version(), snapshot.live().stream().map(ElementView::of).toList()));
    }
}
