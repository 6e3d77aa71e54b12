package com.linkwithmentor.meeting.whiteboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The board's durable record in PostgreSQL: the element map and the version it was written at. */
@Repository
class WhiteboardStore {

    private final JdbcClient jdbc;

    WhiteboardStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(String elementsJson, long version) {
    }

    Optional<Stored> find(UUID sessionId) {
        return jdbc.sql("SELECT elements::text, version FROM whiteboards WHERE session_id = :id").param("id", sessionId)
            .query((rs, n) -> new Stored(rs.getString(1), rs.getLong(2))).optional();
    }

    /** Writes the board unless a newer version is already there (instances may write back the same board). */
    void write(UUID sessionId, String elementsJson, long version, @Nullable UUID by, Instant at) {
        jdbc.sql("""
                INSERT INTO whiteboards (session_id, elements, version, updated_by, updated_at)
                VALUES (:id, CAST(:elements AS jsonb), :version, :by, :at)
                ON CONFLICT (session_id) DO UPDATE SET elements = EXCLUDED.elements, version = EXCLUDED.version,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                WHERE whiteboards.version < EXCLUDED.version
                """).param("id", sessionId).param("elements", elementsJson).param("version", version).param("by", by)
            .param("at", Timestamp.from(at)).update();
    }
}
