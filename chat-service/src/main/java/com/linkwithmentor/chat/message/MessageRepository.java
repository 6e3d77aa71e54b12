package com.linkwithmentor.chat.message;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.chat.moderation.ModerationStatus;
import com.linkwithmentor.common.error.ApiException;

/** Messages in the {@code messages} table, and the per-conversation sequence counter. */
@Repository
class MessageRepository {

    private static final String COLUMNS = """
            message_id, conversation_id, seq, sender_id, client_msg_id, content, message_type, moderation_status,
            moderation_categories, created_at, edited_at, deleted_at""";

    /** What a viewer may see of a conversation: everything sequenced, but blocked messages only if their own. */
    private static final String VISIBLE = "seq IS NOT NULL AND (moderation_status <> 'blocked' OR sender_id = :viewer)";

    private static final RowMapper<Message> MAPPER = MessageRepository::map;

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE message_id = ?").param(id).query(MAPPER).optional();
    }

    Message lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE message_id = ? FOR UPDATE").param(id).query(MAPPER)
            .optional().orElseThrow(() -> ApiException.notFound("Message"));
    }

    Optional<Message> findByClientMsgId(UUID senderId, String clientMsgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE sender_id = ? AND client_msg_id = ?")
            .params(senderId, clientMsgId).query(MAPPER).optional();
    }

    /**
     * What a send must know before it may go on, in one round trip: whether the sender has any
     * active restriction, whether (and how) they are a member, and the id of an earlier message with
     * the same {@code client_msg_id}.
     */
    record SendContext(boolean restricted, @Nullable Boolean activeMember, @Nullable UUID earlier) {
    }

    SendContext sendContext(UUID senderId, UUID conversationId, String clientMsgId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM sender_restrictions
                               WHERE user_id = :sender AND (until IS NULL OR until > now())) AS restricted,
                       (SELECT left_at IS NULL FROM conversation_members
                        WHERE conversation_id = :conversation AND user_id = :sender) AS active_member,
                       (SELECT message_id FROM messages WHERE sender_id = :sender AND client_msg_id = :clientMsgId) AS earlier""")
            .param("sender", senderId)
            .param("conversation", conversationId)
            .param("clientMsgId", clientMsgId)
            .query((rs, n) -> {
                boolean active = rs.getBoolean("active_member");
                Boolean member = rs.wasNull() ? null : active;
                return new SendContext(rs.getBoolean("restricted"), member, rs.getObject("earlier", UUID.class));
            })
            .single();
    }

    /**
     * Takes the conversation's next sequence number. The counter row stays locked until the
     * transaction ends, so concurrent senders to one conversation commit in sequence order.
     */
    long nextSeq(UUID conversationId) {
        return jdbc.sql("""
                UPDATE conversation_sequences SET last_seq = last_seq + 1, last_message_at = now()
                WHERE conversation_id = ? RETURNING last_seq""")
            .param(conversationId).query(Long.class).optional()
            .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    Message insert(UUID id, UUID conversationId, @Nullable Long seq, UUID senderId, String clientMsgId, String content,
            ModerationStatus status, List<String> categories, boolean checked) {
        return jdbc.sql("""
                INSERT INTO messages (message_id, conversation_id, seq, sender_id, client_msg_id, content,
                                      moderation_status, moderation_categories, moderation_checked_at)
                VALUES (:id, :conversation, :seq, :sender, :clientMsgId, :content, :status,
                        CAST(:categories AS text[]), CASE WHEN :checked THEN now() END)
                RETURNING\s""" + COLUMNS)
            .param("id", id)
            .param("conversation", conversationId)
            .param("seq", seq)
            .param("sender", senderId)
            .param("clientMsgId", clientMsgId)
            .param("content", content)
            .param("status", status.wireName())
            .param("categories", textArray(categories))
            .param("checked", checked)
            .query(MAPPER)
            .single();
    }

    void update(Message message, boolean checked) {
        jdbc.sql("""
                UPDATE messages SET content = :content, moderation_status = :status, seq = :seq,
                    moderation_categories = CAST(:categories AS text[]), edited_at = :edited, deleted_at = :deleted,
                    moderation_checked_at = CASE WHEN :checked THEN now() ELSE moderation_checked_at END
                WHERE message_id = :id""")
            .param("id", message.id())
            .param("seq", message.seq())
            .param("content", message.content())
            .param("status", message.moderationStatus().wireName())
            .param("categories", textArray(message.categories()))
            .param("edited", timestamp(message.editedAt()))
            .param("deleted", timestamp(message.deletedAt()))
            .param("checked", checked)
            .update();
    }

    /** Newest first, strictly before {@code beforeSeq}. */
    List<Message> history(UUID conversationId, UUID viewer, long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversation AND " + VISIBLE
                + " AND seq < :before ORDER BY seq DESC LIMIT :limit")
            .param("conversation", conversationId)
            .param("viewer", viewer)
            .param("before", beforeSeq)
            .param("limit", limit)
            .query(MAPPER)
            .list();
    }

    /** Oldest first, in {@code (afterSeq, upToSeq]}. */
    List<Message> range(UUID conversationId, UUID viewer, long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversation AND " + VISIBLE
                + " AND seq > :after AND seq <= :upTo ORDER BY seq LIMIT :limit")
            .param("conversation", conversationId)
            .param("viewer", viewer)
            .param("after", afterSeq)
            .param("upTo", upToSeq)
            .param("limit", limit)
            .query(MAPPER)
            .list();
    }

    /**
     * Claims pending messages of the given senders for one re-check: they are hidden from other
     * claimers (other instances) for {@code claimFor}, which is also the back-off when moderation
     * is still away.
     */
    List<Message> claimPending(int limit, Duration claimFor) {
        return jdbc.sql("""
                UPDATE messages SET recheck_not_before = now() + make_interval(secs => :claimSeconds),
                                    recheck_attempts = recheck_attempts + 1
                WHERE message_id IN (
                    SELECT message_id FROM messages
                    WHERE moderation_status = 'pending'
                      AND (recheck_not_before IS NULL OR recheck_not_before <= now())
                    ORDER BY created_at LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
            .param("claimSeconds", claimFor.toMillis() / 1000.0)
            .param("limit", limit)
            .query(MAPPER)
            .list();
    }

    static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant != null ? Timestamp.from(instant) : null;
    }

    private static Message map(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("seq");
        Long maybeSeq = rs.wasNull() ? null : seq;
        Array categories = rs.getArray("moderation_categories");
        Timestamp edited = rs.getTimestamp("edited_at");
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new Message(rs.getObject("message_id", UUID.class), rs.getObject("conversation_id", UUID.class), maybeSeq,
                rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"), rs.getString("content"),
                rs.getString("message_type"), ModerationStatus.fromWire(rs.getString("moderation_status")),
                List.of((String[]) categories.getArray()), rs.getTimestamp("created_at").toInstant(),
                edited != null ? edited.toInstant() : null, deleted != null ? deleted.toInstant() : null);
    }
}
