package com.linkwithmentor.meeting.notes;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.meeting.session.SessionAccess;

/** Shared and private session notes, for the session's participants only. */
@RestController
class NotesController {

    private final NotesRepository notes;

    private final SessionAccess sessions;

    private final NotesProperties properties;

    private final Clock clock;

    NotesController(NotesRepository notes, SessionAccess sessions, NotesProperties properties, Clock clock) {
        this.notes = notes;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    record NoteView(UUID sessionId, String content, long version, @Nullable UUID updatedBy, @Nullable Instant updatedAt,
            boolean shared) {
    }

    record NoteWrite(@NotNull String content, @Min(0) @Nullable Long version) {
    }

    @GetMapping("/api/v1/sessions/{session_id}/notes")
    ResponseEntity<NoteView> shared(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        return view(sessionId, notes.shared(sessionId).orElse(NotesRepository.Note.empty()), true);
    }

    @PutMapping("/api/v1/sessions/{session_id}/notes")
    ResponseEntity<NoteView> writeShared(@PathVariable("session_id") UUID sessionId, @Valid @RequestBody NoteWrite write,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch, CurrentUser caller) {
        sessions.requireWorkable(sessionId, caller.id());
        long expected = expected(ifMatch, write.version());
        if (!notes.writeShared(sessionId, expected, bounded(write.content()), caller.id(), clock.instant())) {
            throw stale(notes.shared(sessionId).map(NotesRepository.Note::version).orElse(0L));
        }
        return view(sessionId, notes.shared(sessionId).orElseThrow(), true);
    }

    @GetMapping("/api/v1/sessions/{session_id}/notes/private")
    ResponseEntity<NoteView> personal(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        return view(sessionId, notes.personal(sessionId, caller.id()).orElse(NotesRepository.Note.empty()), false);
    }

    @PutMapping("/api/v1/sessions/{session_id}/notes/private")
    ResponseEntity<NoteView> writePersonal(@PathVariable("session_id") UUID sessionId, @Valid @RequestBody NoteWrite write,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        long expected = expected(ifMatch, write.version());
        if (!notes.writePersonal(sessionId, caller.id(), expected, bounded(write.content()), clock.instant())) {
            throw stale(notes.personal(sessionId, caller.id()).map(NotesRepository.Note::version).orElse(0L));
        }
        return view(sessionId, notes.personal(sessionId, caller.id()).orElseThrow(), false);
    }

    private String bounded(String content) {
        if (content.length() > properties.maxChars()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Notes hold at most " + properties.maxChars() + " characters",
                    Map.of("field", "content", "max_chars", properties.maxChars()));
        }
        return content;
    }

    private static long expected(@Nullable String ifMatch, @Nullable Long version) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim().replace("W/", "").replace("\"", "");
            try {
                long parsed = Long.parseLong(tag);
                if (parsed >= 0) {
                    return parsed;
                }
            }
            catch (NumberFormatException ex) {
                // the 400 below
            }
            throw ApiException.badRequest("If-Match", "If-Match must be the notes' version as their ETag gives it, e.g. \"3\"");
        }
        if (version == null) {
            throw ApiException.badRequest("version", "Send the version the notes were read at: If-Match or 'version' (0 for new)");
        }
        return version;
    }

    private static ApiException stale(long current) {
        return new ApiException(ErrorCode.CONFLICT, "The notes changed meanwhile; they are at version " + current,
                Map.of("reason", "stale_version", "current_version", current));
    }

    private static ResponseEntity<NoteView> view(UUID sessionId, NotesRepository.Note note, boolean shared) {
        return ResponseEntity.ok().eTag("\"" + note.version() + "\"")
            .body(new NoteView(sessionId, note.content(), note.version(), note.updatedBy(), note.updatedAt(), shared));
    }
}
