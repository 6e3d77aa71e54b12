package com.linkwithmentor.chat.conversation;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;

/**
 * The membership questions other features ask on every message, answered with one indexed row
 * each rather than by loading a whole conversation.
 */
@Component
public class Memberships {

    /** A conversation a user follows live: its newest sequence number and how far the user has read. */
    public record Followed(UUID conversationId, long lastSeq, long lastReadSeq) {
    }

    private final JdbcClient jdbc;

    public Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Demands an active member: 404 to someone who never belonged, 403 to one who left. */
    public void requireActive(UUID conversationId, UUID userId) {
        Optional<Timestamp> leftAt = jdbc.sql("""
                SELECT left_at FROM conversation_members WHERE conversation_id = ? AND user_id = ?""")
            .params(conversationId, userId)
            .query((rs, n) -> Optional.ofNullable(rs.getTimestamp("left_at")))
            .optional()
            .orElseThrow(() -> ApiException.notFound("Conversation"));
        if (leftAt.isPresent()) {
            throw ApiException.forbidden("You are no longer a member of this conversation");
        }
    }

    public boolean isActive(UUID conversationId, UUID userId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM conversation_members
                               WHERE conversation_id = ? AND user_id = ? AND left_at IS NULL)""")
            .params(conversationId, userId).query(Boolean.class).single();
    }

    /** Every conversation the user is an active member of, with its counters. */
    public List<Followed> followed(UUID userId) {
        return jdbc.sql("""
                SELECT m.conversation_id, s.last_seq, m.last_read_seq
                FROM conversation_members m JOIN conversation_sequences s ON s.conversation_id = m.conversation_id
                WHERE m.user_id = ? AND m.left_at IS NULL""")
            .param(userId)
            .query((rs, n) -> new Followed(rs.getObject("conversation_id", UUID.class), rs.getLong("last_seq"),
                    rs.getLong("last_read_seq")))
            .list();
    }

    /** The one conversation's counters for an active member, or empty when the user is not one. */
    public Optional<Followed> followed(UUID conversationId, UUID userId) {
        return jdbc.sql("""
                SELECT m.conversation_id, s.last_seq, m.last_read_seq
                FROM conversation_members m JOIN conversation_sequences s ON s.conversation_id = m.conversation_id
                WHERE m.conversation_id = ? AND m.user_id = ? AND m.left_at IS NULL""")
            .params(conversationId, userId)
            .query((rs, n) -> new Followed(rs.getObject("conversation_id", UUID.class), rs.getLong("last_seq"),
                    rs.getLong("last_read_seq")))
            .optional();
    }

    /** The newest sequence number of each conversation named (those that exist). */
    public Map<UUID, Long> lastSeqs(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> newest = new HashMap<>();
        jdbc.sql("SELECT conversation_id, last_seq FROM conversation_sequences WHERE conversation_id = ANY(?)")
            .param(conversationIds.toArray(UUID[]::new))
            .query((rs, n) -> newest.put(rs.getObject("conversation_id", UUID.class), rs.getLong("last_seq")))
            .list();
        return newest;
    }

    /**
     * Moves the member's read position forward (never back, never past the newest message) and
     * returns it; 400 for a sequence number the conversation has not reached.
     */
    public long markRead(UUID conversationId, UUID userId, long seq) {
        requireActive(conversationId, userId);
        long lastSeq = jdbc.sql("SELECT last_seq FROM conversation_sequences WHERE conversation_id = ?")
            .param(conversationId).query(Long.class).single();
        if (seq > lastSeq) {
            throw ApiException.badRequest("seq", "seq " + seq + " is past the newest message (" + lastSeq + ")");
        }
        return jdbc.sql("""
                UPDATE conversation_members SET last_read_seq = GREATEST(last_read_seq, :seq)
                WHERE conversation_id = :conversation AND user_id = :user
                RETURNING last_read_seq""")
            .param("seq", seq).param("conversation", conversationId).param("user", userId)
            .query(Long.class).single();
    }

    /** A sender has read their own message; no checks, it runs inside the sending transaction. */
    public void senderRead(UUID conversationId, UUID userId, long seq) {
        jdbc.sql("""
                UPDATE conversation_members SET last_read_seq = GREATEST(last_read_seq, :seq)
                WHERE conversation_id = :conversation AND user_id = :user""")
            .param("seq", seq).param("conversation", conversationId).param("user", userId).update();
    }
}
