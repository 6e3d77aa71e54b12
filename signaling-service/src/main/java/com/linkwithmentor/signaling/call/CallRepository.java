package com.linkwithmentor.signaling.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calls and their participants in plain SQL. Transitions are read with {@link #lock} (a row lock
 * on the call) and written back with {@link #saveTransition} in the same transaction, so two
 * instances never both start or both end one call.
 */
@Repository
class CallRepository {

    private static final String CALL_COLUMNS = """
            call_id, session_id, caller_id, call_type, status, end_reason, ended_by, created_at, ring_until,
            started_at, ended_at""";

    private final JdbcClient jdbc;

    CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Call call) {
        jdbc.sql("""
                INSERT INTO calls (call_id, session_id, caller_id, call_type, status, created_at, ring_until)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            .params(call.callId(), call.sessionId(), call.callerId(), wire(call.callType()), wire(call.status()),
                    ts(call.createdAt()), ts(call.ringUntil()))
            .update();
        for (Participant participant : call.participants()) {
            jdbc.sql("INSERT INTO call_participants (call_id, user_id, position) VALUES (?, ?, ?)")
                .params(call.callId(), participant.userId(), participant.position())
                .update();
        }
    }

    Optional<Call> find(UUID callId) {
        return jdbc.sql("SELECT " + CALL_COLUMNS + " FROM calls WHERE call_id = ?").param(callId)
            .query((rs, n) -> call(rs, participants(callId))).optional();
    }

    /** The call under a row lock, for a transition; inside a transaction. */
    Optional<Call> lock(UUID callId) {
        return jdbc.sql("SELECT " + CALL_COLUMNS + " FROM calls WHERE call_id = ? FOR UPDATE").param(callId)
            .query((rs, n) -> call(rs, List.of())).optional()
            .map(call -> withParticipants(call, participants(callId)));
    }

    /** The live call of a session, if one rings or is under way. */
    Optional<UUID> liveCallOfSession(UUID sessionId) {
        return jdbc.sql("SELECT call_id FROM calls WHERE session_id = ? AND status <> 'ended'").param(sessionId)
            .query(UUID.class).optional();
    }

    void saveTransition(Call call) {
        jdbc.sql("""
                UPDATE calls SET status = ?, end_reason = ?, ended_by = ?, started_at = ?, ended_at = ?, version = version + 1
                WHERE call_id = ?
                """)
            .params(wire(call.status()), call.endReason() != null ? wire(call.endReason()) : null, call.endedBy(),
                    ts(call.startedAt()), ts(call.endedAt()), call.callId())
            .update();
    }

    List<Participant> participants(UUID callId) {
        return jdbc.sql("""
                SELECT user_id, position, joined_at, left_at, connection_id, disconnected_at
                FROM call_participants WHERE call_id = ? ORDER BY position
                """).param(callId)
            .query((rs, n) -> new Participant(rs.getObject("user_id", UUID.class), rs.getInt("position"),
                    instant(rs, "joined_at"), instant(rs, "left_at"), rs.getString("connection_id"),
                    instant(rs, "disconnected_at")))
            .list();
    }

    /** This connection is now the participant's socket in the call; returns the one it replaces, if any. */
    Optional<String> connect(UUID callId, UUID userId, String connectionId, Instant now) {
        String previous = jdbc.sql("SELECT connection_id FROM call_participants WHERE call_id = ? AND user_id = ?")
            .params(callId, userId).query(String.class).optional().orElse(null);
        jdbc.sql("""
                UPDATE call_participants
                SET connection_id = ?, connected_at = ?, last_seen_at = ?, disconnected_at = NULL, left_at = NULL,
                    joined_at = coalesce(joined_at, ?)
                WHERE call_id = ? AND user_id = ?
                """)
            .params(connectionId, ts(now), ts(now), ts(now), callId, userId)
            .update();
        return Optional.ofNullable(previous).filter(p -> !p.equals(connectionId));
    }

    /** The socket went away: the grace window starts, unless another socket has taken its place. */
    boolean disconnect(UUID callId, UUID userId, String connectionId, Instant now) {
        return jdbc.sql("""
                UPDATE call_participants SET connection_id = NULL, disconnected_at = ?
                WHERE call_id = ? AND user_id = ? AND connection_id = ? AND left_at IS NULL
                """)
            .params(ts(now), callId, userId, connectionId)
            .update() == 1;
    }

    void leave(UUID callId, UUID userId, Instant now) {
        jdbc.sql("""
                UPDATE call_participants SET connection_id = NULL, disconnected_at = NULL, left_at = ?
                WHERE call_id = ? AND user_id = ? AND left_at IS NULL
                """)
            .params(ts(now), callId, userId)
            .update();
    }

    void leaveAll(UUID callId, Instant now) {
        jdbc.sql("""
                UPDATE call_participants SET connection_id = NULL, disconnected_at = NULL, left_at = coalesce(left_at, ?)
                WHERE call_id = ?
                """)
            .params(ts(now), callId)
            .update();
    }

    /** Keeps this instance's sockets counted as alive (an instance that dies stops doing so). */
    void touch(Collection<String> connectionIds, Instant now) {
        if (connectionIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE call_participants SET last_seen_at = ? WHERE connection_id = ANY (?)")
            .params(ts(now), connectionIds.toArray(String[]::new))
            .update();
    }

    /** Ringing calls whose time is up, locked for this transaction (other instances skip them). */
    List<UUID> lockRingingDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT call_id FROM calls WHERE status = 'ringing' AND ring_until <= ?
                ORDER BY ring_until LIMIT ? FOR UPDATE SKIP LOCKED
                """)
            .params(ts(now), limit).query(UUID.class).list();
    }

    record Dropped(UUID callId, UUID userId) {
    }

    /** Participants whose grace window is over, with their calls locked for this transaction. */
    List<Dropped> lockGraceOver(Instant disconnectedBefore, int limit) {
        return jdbc.sql("""
                SELECT p.call_id, p.user_id FROM call_participants p JOIN calls c ON c.call_id = p.call_id
                WHERE p.disconnected_at IS NOT NULL AND p.left_at IS NULL AND p.disconnected_at <= ? AND c.status <> 'ended'
                ORDER BY p.disconnected_at LIMIT ? FOR UPDATE OF c SKIP LOCKED
                """)
            .params(ts(disconnectedBefore), limit)
            .query((rs, n) -> new Dropped(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    record Stale(UUID callId, UUID userId, String connectionId) {
    }

    /** Sockets whose instance stopped vouching for them (it crashed): they count as dropped. */
    List<Stale> staleConnections(Instant seenBefore, int limit) {
        return jdbc.sql("""
                SELECT call_id, user_id, connection_id FROM call_participants
                WHERE connection_id IS NOT NULL AND last_seen_at <= ? LIMIT ?
                """)
            .params(ts(seenBefore), limit)
            .query((rs, n) -> new Stale(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3))).list();
    }

    /** The calls a user is in that ring or are under way (and the user has not left). */
    List<Call> liveCallsOf(UUID userId) {
        List<UUID> ids = jdbc.sql("""
                SELECT c.call_id FROM calls c JOIN call_participants p ON p.call_id = c.call_id
                WHERE p.user_id = ? AND p.left_at IS NULL AND c.status <> 'ended' ORDER BY c.created_at DESC LIMIT 20
                """).param(userId).query(UUID.class).list();
        List<Call> calls = new ArrayList<>();
        ids.forEach(id -> find(id).ifPresent(calls::add));
        return calls;
    }

    /** One page of a user's calls, newest first, after the (created_at, call_id) of the cursor. */
    List<Call> page(UUID userId, @Nullable Instant afterCreatedAt, @Nullable UUID afterCallId, int limit) {
        List<Call> calls = jdbc.sql("SELECT " + prefixed() + """
                 FROM calls c JOIN call_participants p ON p.call_id = c.call_id
                WHERE p.user_id = :user
                  AND (CAST(:after AS timestamptz) IS NULL OR (c.created_at, c.call_id) < (CAST(:after AS timestamptz), :afterId))
                ORDER BY c.created_at DESC, c.call_id DESC LIMIT :limit
                """)
            .param("user", userId)
            .param("after", ts(afterCreatedAt))
            .param("afterId", afterCallId != null ? afterCallId : new UUID(0, 0))
            .param("limit", limit)
            .query((rs, n) -> call(rs, List.of())).list();
        return calls.stream().map(call -> withParticipants(call, participants(call.callId()))).toList();
    }

    private static String prefixed() {
        return "c.call_id, c.session_id, c.caller_id, c.call_type, c.status, c.end_reason, c.ended_by, c.created_at, "
                + "c.ring_until, c.started_at, c.ended_at";
    }

    private static Call withParticipants(Call call, List<Participant> participants) {
        return new Call(call.callId(), call.sessionId(), call.callerId(), call.callType(), call.status(), call.endReason(),
                call.endedBy(), call.createdAt(), call.ringUntil(), call.startedAt(), call.endedAt(), participants);
    }

    private static Call call(ResultSet rs, List<Participant> participants) throws SQLException {
        String endReason = rs.getString("end_reason");
        return new Call(rs.getObject("call_id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getObject("caller_id", UUID.class), CallType.valueOf(rs.getString("call_type").toUpperCase(Locale.ROOT)),
                CallStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                endReason != null ? EndReason.valueOf(endReason.toUpperCase(Locale.ROOT)) : null,
                rs.getObject("ended_by", UUID.class), instant(rs, "created_at"), instant(rs, "ring_until"),
                instant(rs, "started_at"), instant(rs, "ended_at"), participants);
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant != null ? Timestamp.from(instant) : null;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value != null ? value.toInstant() : null;
    }
}
