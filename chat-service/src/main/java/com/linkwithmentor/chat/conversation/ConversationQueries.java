package com.linkwithmentor.chat.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.linkwithmentor.chat.conversation.ConversationViews.ConversationPage;
import com.linkwithmentor.chat.conversation.ConversationViews.ConversationSummary;
import com.linkwithmentor.chat.conversation.ConversationViews.LastMessage;
import com.linkwithmentor.common.web.PageCursor;

/**
 * "My conversations", most recently active first, each with its newest visible message and the
 * reader's unread count, paged by a cursor over (last activity, id) so new messages arriving
 * between pages neither repeat nor skip a conversation that was not touched.
 */
@Component
class ConversationQueries {

    private final JdbcClient jdbc;

    ConversationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Conversations every one of the users is an active member of (at most 20), e.g. for a call between them. */
    List<UUID> sharedBy(List<UUID> userIds) {
        List<UUID> distinct = userIds.stream().distinct().toList();
        return jdbc.sql("""
                SELECT conversation_id FROM conversation_members
                WHERE user_id = ANY (?) AND left_at IS NULL
                GROUP BY conversation_id HAVING count(*) = ?
                ORDER BY conversation_id LIMIT 20
                """).params(distinct.toArray(UUID[]::new), distinct.size()).query(UUID.class).list();
    }

    ConversationPage mine(UUID userId, int limit, @Nullable String cursor) {
        Cursor after = cursor != null ? Cursor.decode(cursor) : null;
        String sql = """
                SELECT c.conversation_id, c.kind, c.title, c.session_id, m.role, m.last_read_seq, s.last_seq,
                       COALESCE(s.last_message_at, c.created_at) AS activity_at,
                       (SELECT count(*) FROM conversation_members x
                        WHERE x.conversation_id = c.conversation_id AND x.left_at IS NULL) AS member_count,
                       (SELECT count(*) FROM messages u
                        WHERE u.conversation_id = c.conversation_id AND u.seq > m.last_read_seq
                          AND u.sender_id <> m.user_id AND u.moderation_status <> 'blocked'
                          AND u.deleted_at IS NULL) AS unread_count,
                       lm.message_id, lm.seq AS lm_seq, lm.sender_id, lm.content, lm.moderation_status,
                       lm.created_at AS lm_created_at, lm.edited_at, lm.deleted_at
                FROM conversation_members m
                JOIN conversations c ON c.conversation_id = m.conversation_id
                JOIN conversation_sequences s ON s.conversation_id = m.conversation_id
                LEFT JOIN LATERAL (
                    SELECT message_id, seq, sender_id, content, moderation_status, created_at, edited_at, deleted_at
                    FROM messages
                    WHERE conversation_id = c.conversation_id AND seq IS NOT NULL
                      AND (moderation_status <> 'blocked' OR sender_id = m.user_id)
                    ORDER BY seq DESC LIMIT 1) lm ON true
                WHERE m.user_id = :user AND m.left_at IS NULL
                """ + (after != null
                        ? " AND (COALESCE(s.last_message_at, c.created_at), c.conversation_id) < (:afterAt, :afterId)" : "")
                + " ORDER BY activity_at DESC, c.conversation_id DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("user", userId).param("limit", limit + 1);
        if (after != null) {
            statement = statement.param("afterAt", Timestamp.from(after.activityAt())).param("afterId", after.id());
        }
        List<ConversationSummary> rows = statement.query((rs, n) -> summary(rs)).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ConversationSummary last = rows.get(limit - 1);
            next = new Cursor(last.lastActivityAt(), last.conversationId()).encode();
        }
        return new ConversationPage(rows, next);
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        LastMessage last = null;
        UUID messageId = rs.getObject("message_id", UUID.class);
        if (messageId != null) {
            boolean deleted = rs.getTimestamp("deleted_at") != null;
            Timestamp edited = rs.getTimestamp("edited_at");
            last = new LastMessage(messageId, rs.getLong("lm_seq"), rs.getObject("sender_id", UUID.class),
                    deleted ? null : rs.getString("content"), rs.getString("moderation_status"),
                    rs.getTimestamp("lm_created_at").toInstant(), edited != null ? edited.toInstant() : null, deleted);
        }
        return new ConversationSummary(rs.getObject("conversation_id", UUID.class),
                ConversationType.fromWire(rs.getString("kind")), rs.getString("title"),
                rs.getObject("session_id", UUID.class), rs.getString("role"), rs.getInt("member_count"),
                rs.getLong("last_seq"), rs.getLong("last_read_seq"), rs.getLong("unread_count"), last,
                rs.getTimestamp("activity_at").toInstant());
    }

    private record Cursor(Instant activityAt, UUID id) {

        String encode() {
            return PageCursor.encode(activityAt, id);
        }

        static Cursor decode(String cursor) {
            return PageCursor.decode(cursor, 2, parts -> new Cursor(PageCursor.instant(parts[0]), PageCursor.uuid(parts[1])));
        }
    }
}
