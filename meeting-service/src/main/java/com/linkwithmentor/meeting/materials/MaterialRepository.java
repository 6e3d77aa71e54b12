package com.linkwithmentor.meeting.materials;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code materials} table: what was uploaded, by whom, and where the bytes are. */
@Repository
class MaterialRepository {

    private static final RowMapper<Material> MATERIAL = (rs, n) -> new Material(rs.getObject("material_id", UUID.class),
            rs.getObject("session_id", UUID.class), rs.getObject("uploaded_by", UUID.class), rs.getString("filename"),
            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    MaterialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Material(UUID materialId, UUID sessionId, UUID uploadedBy, String filename, String contentType, long sizeBytes,
            String sha256, String storageKey, Instant createdAt) {
    }

    void insert(Material material) {
        jdbc.sql("""
                INSERT INTO materials (material_id, session_id, uploaded_by, filename, content_type, size_bytes, sha256,
                    storage_key, created_at)
                VALUES (:id, :session, :by, :filename, :type, :size, :sha, :key, :at)
                """).param("id", material.materialId()).param("session", material.sessionId()).param("by", material.uploadedBy())
            .param("filename", material.filename()).param("type", material.contentType()).param("size", material.sizeBytes())
            .param("sha", material.sha256()).param("key", material.storageKey()).param("at", Timestamp.from(material.createdAt()))
            .update();
    }

    int count(UUID sessionId) {
        return jdbc.sql("SELECT count(*) FROM materials WHERE session_id = :session").param("session", sessionId)
            .query(Integer.class).single();
    }

    List<Material> ofSession(UUID sessionId) {
        return jdbc.sql("SELECT * FROM materials WHERE session_id = :session ORDER BY created_at, material_id")
            .param("session", sessionId).query(MATERIAL).list();
    }

    Optional<Material> find(UUID sessionId, UUID materialId) {
        return jdbc.sql("SELECT * FROM materials WHERE session_id = :session AND material_id = :id")
            .param("session", sessionId).param("id", materialId).query(MATERIAL).optional();
    }

    void delete(UUID materialId) {
        jdbc.sql("DELETE FROM materials WHERE material_id = :id").param("id", materialId).update();
    }
}
