package com.linkwithmentor.meeting.notes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Shared notes ({@code session_notes}) and private notes ({@code private_notes}); a private note's
 * owner is part of its key. A write succeeds only from the version it names: one statement, so
 * two writers from the same version cannot both win.
 */
@Repository
class NotesRepository {

    private final JdbcClient jdbc;

    NotesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Note(String content, long version, @Nullable UUID updatedBy, @Nullable Instant updatedAt) {

        static Note empty() {
            return new Note("", 0, null, null);
        }
    }

    Optional<Note> shared(UUID sessionId) {
        return jdbc.sql("SELECT content, version, updated_by, updated_at FROM session_notes WHERE session_id = :id")
            .param("id", sessionId)
            .query((rs, n) -> new Note(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()))
            .optional();
    }

    Optional<Note> personal(UUID sessionId, UUID userId) {
        return jdbc.sql("SELECT content, version, updated_at FROM private_notes WHERE session_id = :id AND user_id = :user")
            .param("id", sessionId).param("user", userId)
            .query((rs, n) -> new Note(rs.getString(1), rs.getLong(2), userId, rs.getTimestamp(3).toInstant()))
            .optional();
    }

    /** True when the write happened (the stored version was {@code expected}; 0 means none yet). */
    boolean writeShared(UUID sessionId, long expected, String content, UUID by, Instant at) {
        if (expected == 0) {
            return jdbc.sql("""
                    INSERT INTO session_notes (session_id, content, version, updated_by, updated_at)
                    VALUES (:id, :content, 1, :by, :at) ON CONFLICT (session_id) DO NOTHING
                    """).param("id", sessionId).param("content", content).param("by", by).param("at", Timestamp.from(at))
                .update() == 1;
        }
        return jdbc.sql("""
                UPDATE session_notes SET content = :content, version = version + 1, updated_by = :by, updated_at = :at
                WHERE session_id = :id AND version = :expected
                """).param("id", sessionId).param("content", content).param("by", by).param("at", Timestamp.from(at))
            .param("expected", expected).update() == 1;
    }

    boolean writePersonal(UUID sessionId, UUID userId, long expected, String content, Instant at) {
        if (expected == 0) {
            return jdbc.sql("""
                    INSERT INTO private_notes (session_id, user_id, content, version, updated_at)
                    VALUES (:id, :user, :content, 1, :at) ON CONFLICT (session_id, user_id) DO NOTHING
                    """).param("id", sessionId).param("user", userId).param("content", content)
                .param("at", Timestamp.from(at)).update() == 1;
        }
        return jdbc.sql("""
                UPDATE private_notes SET content = :content, version = version + 1, updated_at = :at
                WHERE session_id = :id AND user_id = :user AND version = :expected
                """).param("id", sessionId).param("user", userId).param("content", content).param("at", Timestamp.from(at))
            .param("expected", expected).update() == 1;
    }
}
