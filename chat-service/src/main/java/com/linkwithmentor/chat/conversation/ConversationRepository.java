package com.linkwithmentor.chat.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;

/** Conversations with their members, and their message counters. */
@Repository
class ConversationRepository {

    private static final String COLUMNS = "conversation_id, kind, title, created_by, session_id, created_at";

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE conversation_id = ?").param(id)
            .query((rs, n) -> map(rs, members(id))).optional();
    }

    /** The conversation, locked until the transaction ends, so membership changes apply one at a time. */
    Conversation lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE conversation_id = ? FOR UPDATE").param(id)
            .query((rs, n) -> map(rs, members(id))).optional()
            .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    /**
     * Creates the conversation with its counter; returns empty when a direct conversation of the
     * same pair, or one for the same session, exists already (the unique indexes decide races).
     */
    Optional<UUID> insert(ConversationType type, @Nullable String title, UUID createdBy, @Nullable UUID directLow,
            @Nullable UUID directHigh, @Nullable UUID sessionId) {
        String conflict = switch (type) {
            case DIRECT -> " ON CONFLICT (direct_user_low, direct_user_high) WHERE kind = 'direct' DO NOTHING";
            case SESSION -> " ON CONFLICT (session_id) WHERE kind = 'session' DO NOTHING";
            case GROUP -> "";
        };
        Optional<UUID> id = jdbc.sql("""
                INSERT INTO conversations (kind, title, created_by, direct_user_low, direct_user_high, session_id)
                VALUES (:kind, :title, :createdBy, :low, :high, :session)""" + conflict + " RETURNING conversation_id")
            .param("kind", type.wireName())
            .param("title", title)
            .param("createdBy", createdBy)
            .param("low", directLow)
            .param("high", directHigh)
            .param("session", sessionId)
            .query(UUID.class)
            .optional();
        id.ifPresent(created -> jdbc.sql("INSERT INTO conversation_sequences (conversation_id) VALUES (?)")
            .param(created).update());
        return id;
    }

    Optional<UUID> findDirect(UUID low, UUID high) {
        return jdbc.sql("""
                SELECT conversation_id FROM conversations
                WHERE kind = 'direct' AND direct_user_low = ? AND direct_user_high = ?""")
            .params(low, high).query(UUID.class).optional();
    }

    Optional<UUID> findBySession(UUID sessionId) {
        return jdbc.sql("SELECT conversation_id FROM conversations WHERE kind = 'session' AND session_id = ?")
            .param(sessionId).query(UUID.class).optional();
    }

    /** Writes the members whose state changed: new ones, leavers, rejoiners, a new owner. */
    void saveMembers(Conversation conversation) {
        for (Member member : conversation.changedMembers()) {
            jdbc.sql("""
                    INSERT INTO conversation_members (conversation_id, user_id, role, joined_at, left_at)
                    VALUES (:conversation, :user, :role, :joined, :left)
                    ON CONFLICT (conversation_id, user_id)
                    DO UPDATE SET role = EXCLUDED.role, joined_at = EXCLUDED.joined_at, left_at = EXCLUDED.left_at""")
                .param("conversation", conversation.id())
                .param("user", member.userId())
                .param("role", member.role().wireName())
                .param("joined", Timestamp.from(member.joinedAt()))
                .param("left", member.leftAt() != null ? Timestamp.from(member.leftAt()) : null)
                .update();
        }
        jdbc.sql("UPDATE conversations SET updated_at = now() WHERE conversation_id = ?").param(conversation.id()).update();
    }

    long lastSeq(UUID conversationId) {
        return jdbc.sql("SELECT last_seq FROM conversation_sequences WHERE conversation_id = ?").param(conversationId)
            .query(Long.class).optional().orElse(0L);
    }

    private List<Member> members(UUID conversationId) {
        return jdbc.sql("""
                SELECT user_id, role, last_read_seq, joined_at, left_at FROM conversation_members
                WHERE conversation_id = ? ORDER BY joined_at, user_id""")
            .param(conversationId)
            .query((rs, n) -> new Member(rs.getObject("user_id", UUID.class),
                    Member.Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), rs.getLong("last_read_seq"),
                    rs.getTimestamp("joined_at").toInstant(), instant(rs.getTimestamp("left_at"))))
            .list();
    }

    private static Conversation map(ResultSet rs, List<Member> members) throws SQLException {
        return new Conversation(rs.getObject("conversation_id", UUID.class), ConversationType.fromWire(rs.getString("kind")),
                rs.getString("title"), rs.getObject("created_by", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), members);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
