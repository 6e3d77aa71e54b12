package com.linkwithmentor.signaling.call;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who may not call or join now: one row per suspension source (users, moderation), lifted separately. */
@Repository
public class SuspendedUsers {

    private final JdbcClient jdbc;

    SuspendedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void suspend(UUID userId, String source, Instant at) {
        jdbc.sql("""
                INSERT INTO suspended_users (user_id, source, suspended_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id, source) DO NOTHING
                """).params(userId, source, Timestamp.from(at)).update();
    }

    public void lift(UUID userId, String source) {
        jdbc.sql("DELETE FROM suspended_users WHERE user_id = ? AND source = ?").params(userId, source).update();
    }

    public boolean isSuspended(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suspended_users WHERE user_id = ?)").param(userId)
            .query(Boolean.class).single();
    }

    boolean anySuspended(Collection<UUID> userIds) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suspended_users WHERE user_id = ANY (?))")
            .param(userIds.toArray(UUID[]::new)).query(Boolean.class).single();
    }
}
