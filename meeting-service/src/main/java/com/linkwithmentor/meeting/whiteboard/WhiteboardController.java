package com.linkwithmentor.meeting.whiteboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
import com.linkwithmentor.meeting.web.CleanText;

import tools.jackson.databind.JsonNode;

/**
 * The board over REST, for the session's participants: read it, replace it whole with the version
 * it was read at ({@code If-Match} or {@code version}; stale is 409), or apply a batch of element
 * operations, exactly as the live socket will.
 */
@RestController
class WhiteboardController {

    private static final int MAX_DATA_DEPTH = 12;

    private final LiveBoards boards;

    private final SessionAccess sessions;

    private final WhiteboardProperties properties;

    private final Clock clock;

    /** One op-rate bucket per person and board on this instance. */
    private final Cache<String, OpRate> rates = Caffeine.newBuilder().maximumSize(50_000)
        .expireAfterAccess(10, TimeUnit.MINUTES).build();

    WhiteboardController(LiveBoards boards, SessionAccess sessions, WhiteboardProperties properties, Clock clock) {
        this.boards = boards;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
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

    enum OpType {
        ADD, UPDATE, DELETE
    }

    record OpInput(@NotNull OpType op, @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String elementId,
            @Nullable @Pattern(regexp = "[a-z][a-z0-9_]{0,31}") String kind, @Nullable JsonNode data) {
    }

    record OpsRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid OpInput> ops) {
    }

    record OpResult(String elementId, OpType op, String status, @Nullable String reason, @Nullable Long elementVersion) {
    }

    record OpsResponse(UUID sessionId, long version, int applied, List<OpResult> results) {
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
            requireObject(field, input.data());
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
        if (request.ops().size() > properties.maxOpsPerBatch()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A batch holds at most " + properties.maxOpsPerBatch()
                    + " operations", Map.of("field", "ops", "max_ops", properties.maxOpsPerBatch()));
        }
        List<Whiteboard.Op> ops = new ArrayList<>();
        for (int i = 0; i < request.ops().size(); i++) {
            ops.add(op(request.ops().get(i), "ops[" + i + "]"));
        }
        Duration wait = rates.get(caller.id() + ":" + sessionId,
                key -> new OpRate(properties.opsBurst(), properties.opsPerSecond(), clock)).tryTake(ops.size());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many board operations; slow down",
                    Map.of("retry_after_seconds", seconds));
        }
        LiveBoards.BatchResult result = boards.apply(sessionId, ops, caller.id());
        List<OpResult> results = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < result.outcomes().size(); i++) {
            OpInput input = request.ops().get(i);
            switch (result.outcomes().get(i)) {
                case Whiteboard.Applied done -> {
                    applied++;
                    results.add(new OpResult(input.elementId(), input.op(), "applied", null, done.element().version()));
                }
                case Whiteboard.Rejected refused -> results.add(new OpResult(input.elementId(), input.op(), "rejected",
                        refused.reason().name().toLowerCase(java.util.Locale.ROOT), null));
            }
        }
        return new OpsResponse(sessionId, result.version(), applied, results);
    }

    private static Whiteboard.Op op(OpInput input, String field) {
        return switch (input.op()) {
            case ADD -> {
                if (input.kind() == null) {
                    throw ApiException.badRequest(field + ".kind", "An add names the element's kind");
                }
                requireObject(field + ".data", input.data());
                yield new Whiteboard.Add(input.elementId(), input.kind(), input.data());
            }
            case UPDATE -> {
                requireObject(field + ".data", input.data());
                yield new Whiteboard.Update(input.elementId(), input.data());
            }
            case DELETE -> new Whiteboard.Delete(input.elementId());
        };
    }

    private static void requireObject(String field, @Nullable JsonNode data) {
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest(field, "Field '" + field + "' must be a JSON object");
        }
        CleanText.requireTree(field, data, MAX_DATA_DEPTH);
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
