package com.linkwithmentor.signaling.call;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.signaling.eligibility.Eligibility;
import com.linkwithmentor.signaling.eligibility.SessionView;
import com.linkwithmentor.signaling.turn.TurnCredentials;

/**
 * The rules of a call across its life: who may start one, joining and rejoining, hanging up, and
 * what the clock decides (unanswered calls are missed; a participant who dropped and did not come
 * back within the grace window is gone). Every transition runs under the call's row lock and
 * writes its event to the outbox in the same transaction.
 */
@Service
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private static final Set<String> CALLABLE_SESSION_STATUSES = Set.of("scheduled", "in_progress");

    private final CallRepository calls;

    private final SuspendedUsers suspended;

    private final Eligibility eligibility;

    private final TurnCredentials turn;

    private final OutboxWriter outbox;

    private final ApplicationEventPublisher notices;

    private final TransactionTemplate transactions;

    private final CallProperties properties;

    private final Clock clock;

    CallService(CallRepository calls, SuspendedUsers suspended, Eligibility eligibility, TurnCredentials turn,
            OutboxWriter outbox, ApplicationEventPublisher notices, TransactionTemplate transactions,
            CallProperties properties, ObjectProvider<Clock> clock) {
        this.calls = calls;
        this.suspended = suspended;
        this.eligibility = eligibility;
        this.turn = turn;
        this.outbox = outbox;
        this.notices = notices;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A call placed, or the session's call already ringing or under way ({@code created} false). */
    public record Placed(Call call, boolean created) {
    }

    // ---- placing a call -----------------------------------------------------------------------------

    /** A call for a mentorship session: its mentor and mentee, from a few minutes before its start. */
    public Placed callForSession(UUID callerId, String callerToken, UUID sessionId, CallType type) {
        requireNotSuspended(callerId);
        Optional<Call> live = calls.liveCallOfSession(sessionId).flatMap(calls::find);
        if (live.isPresent() && live.get().participant(callerId).isPresent()) {
            return new Placed(live.get(), false);
        }
        SessionView session = eligibility.session(sessionId, callerToken);
        UUID callee;
        if (callerId.equals(session.mentorId())) {
            callee = session.menteeId();
        }
        else if (callerId.equals(session.menteeId())) {
            callee = session.mentorId();
        }
        else {
            throw ApiException.notFound("Session");
        }
        requireCallable(session);
        try {
            return new Placed(place(sessionId, callerId, List.of(callee), type), true);
        }
        catch (DuplicateKeyException ex) {
            // The other side placed the session's call a moment ago: that one is the call.
            Call existing = calls.liveCallOfSession(sessionId).flatMap(calls::find)
                .orElseThrow(() -> ApiException.conflict("The session's call is being set up; try again"));
            return new Placed(existing, false);
        }
    }

    /** An ad-hoc call between people who share a chat conversation. */
    public Placed callPeople(UUID callerId, Collection<UUID> participantIds, CallType type) {
        requireNotSuspended(callerId);
        Set<UUID> callees = new LinkedHashSet<>(participantIds);
        callees.remove(callerId);
        if (callees.isEmpty()) {
            throw ApiException.badRequest("participant_ids", "participant_ids must name someone other than you");
        }
        if (callees.size() + 1 > properties.maxParticipants()) {
            throw ApiException.badRequest("participant_ids",
                    "A call holds at most " + properties.maxParticipants() + " people, you included");
        }
        List<UUID> calleeList = List.copyOf(callees);
        if (!eligibility.shareAConversation(callerId, calleeList)) {
            throw ApiException.forbidden("You can call only people you share a conversation with");
        }
        return new Placed(place(null, callerId, calleeList, type), true);
    }

    private Call place(@Nullable UUID sessionId, UUID callerId, List<UUID> callees, CallType type) {
        if (suspended.anySuspended(callees)) {
            throw ApiException.conflict("Someone in this call cannot take calls right now");
        }
        Call call = Call.ring(UUID.randomUUID(), sessionId, callerId, callees, type, clock.instant(), properties.ringTimeout());
        transactions.executeWithoutResult(status -> {
            calls.insert(call);
            outbox.append(Streams.SIGNALING, CallEvents.RINGING, call.callId(), CallEvents.CallRinging.of(call));
            notices.publishEvent(new CallNotice.Ringing(call));
        });
        log.info("Call {} ({}) from {} rings {}", call.callId(), sessionId != null ? "session " + sessionId : "ad hoc",
                callerId, callees);
        return call;
    }

    private void requireCallable(SessionView session) {
        if (session.status() != null && !CALLABLE_SESSION_STATUSES.contains(session.status())) {
            throw new ApiException(com.linkwithmentor.common.error.ErrorCode.CONFLICT,
                    "A " + session.status() + " session has no call", Map.of("session_status", session.status()));
        }
        Instant now = clock.instant();
        if (session.scheduledStart() != null && now.isBefore(session.scheduledStart().minus(properties.earlyJoin()))) {
            Instant opens = session.scheduledStart().minus(properties.earlyJoin());
            throw new ApiException(com.linkwithmentor.common.error.ErrorCode.CONFLICT,
                    "The session's call opens at " + opens, Map.of("opens_at", opens.toString()));
        }
        if (session.scheduledEnd() != null && now.isAfter(session.scheduledEnd().plus(properties.lateJoin()))) {
            throw ApiException.conflict("The session is over; its call can no longer start");
        }
    }

    private void requireNotSuspended(UUID userId) {
        if (suspended.isSuspended(userId)) {
            throw ApiException.forbidden("This account is suspended and cannot place or join calls");
        }
    }

    // ---- reading ------------------------------------------------------------------------------------

    /** The call as one of its participants sees it; 404 for anyone else. */
    public Call require(UUID callId, UUID userId) {
        Call call = calls.find(callId).orElseThrow(() -> ApiException.notFound("Call"));
        call.requireParticipant(userId);
        return call;
    }

    public List<Call> liveCallsOf(UUID userId) {
        return calls.liveCallsOf(userId);
    }

    // ---- joining and leaving ------------------------------------------------------------------------

    /**
     * Who else is here for a socket that joined: the peers connected now, whether this is a rejoin,
     * and this peer's perfect-negotiation role toward each (polite toward everyone ranked before it).
     */
    public record Joined(Call call, Participant self, List<UUID> peers, List<UUID> politeToward, boolean rejoined,
            Optional<String> replacedConnection, boolean started) {

        public boolean polite() {
            return !self.isCaller();
        }
    }

    public Joined join(UUID callId, UUID userId, String connectionId) {
        requireNotSuspended(userId);
        return transactions.execute(status -> {
            Call call = calls.lock(callId).orElseThrow(() -> ApiException.notFound("Call"));
            Participant before = call.requireParticipant(userId);
            if (call.isEnded()) {
                throw new ApiException(com.linkwithmentor.common.error.ErrorCode.CONFLICT, "The call has ended",
                        Map.of("end_reason", call.endReason().name().toLowerCase(java.util.Locale.ROOT)));
            }
            Instant now = clock.instant();
            Optional<String> replaced = calls.connect(callId, userId, connectionId, now);
            List<Participant> participants = calls.participants(callId);
            Call current = withParticipants(call, participants);
            boolean started = false;
            if (current.status() == CallStatus.RINGING && participants.stream().filter(Participant::hasJoined).count() >= 2) {
                current = current.start(now);
                calls.saveTransition(current);
                outbox.append(Streams.SIGNALING, CallEvents.STARTED, callId, CallEvents.CallStarted.of(current));
                started = true;
                log.info("Call {} answered", callId);
            }
            Participant self = current.requireParticipant(userId);
            List<UUID> peers = participants.stream().filter(p -> !p.userId().equals(userId) && p.connected())
                .map(Participant::userId).toList();
            List<UUID> politeToward = participants.stream()
                .filter(p -> !p.userId().equals(userId) && p.position() < self.position()).map(Participant::userId).toList();
            return new Joined(current, self, peers, politeToward, before.hasJoined(), replaced, started);
        });
    }

    /** The socket dropped: the grace window starts. False when another socket already took its place. */
    public boolean disconnected(UUID callId, UUID userId, String connectionId) {
        return calls.disconnect(callId, userId, connectionId, clock.instant());
    }

    /** Leaves without ending it for the others; the last but one to leave ends it. */
    public Call leave(UUID callId, UUID userId) {
        return transactions.execute(status -> {
            Call call = calls.lock(callId).orElseThrow(() -> ApiException.notFound("Call"));
            call.requireParticipant(userId);
            if (call.isEnded()) {
                return call;
            }
            calls.leave(callId, userId, clock.instant());
            notices.publishEvent(new CallNotice.PeerGone(callId, userId, "left"));
            return settle(call, userId);
        });
    }

    /** Hangs up for everyone (REST or the socket's {@code end}); ending an ended call changes nothing. */
    public Call end(UUID callId, UUID userId, @Nullable EndReason reported) {
        return transactions.execute(status -> {
            Call call = calls.lock(callId).orElseThrow(() -> ApiException.notFound("Call"));
            call.requireParticipant(userId);
            if (call.isEnded()) {
                return call;
            }
            return finish(call, call.hangUpReason(userId, reported), userId);
        });
    }

    /** Ends every live call of a suspended user as failed. */
    public int endAllOf(UUID userId) {
        int ended = 0;
        for (Call live : calls.liveCallsOf(userId)) {
            Boolean done = transactions.execute(status -> {
                Call call = calls.lock(live.callId()).orElse(null);
                if (call == null || call.isEnded()) {
                    return false;
                }
                finish(call, EndReason.FAILED, null);
                return true;
            });
            ended += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return ended;
    }

    /** After someone left: whether the call goes on. Inside the call's transaction, call locked. */
    private Call settle(Call call, UUID leaver) {
        Call current = withParticipants(call, calls.participants(call.callId()));
        if (current.status() == CallStatus.ACTIVE && current.presentCount() < 2) {
            return finish(current, EndReason.COMPLETED, leaver);
        }
        if (current.status() == CallStatus.RINGING) {
            boolean callerGone = current.participants().stream().anyMatch(p -> p.isCaller() && p.leftAt() != null);
            boolean calleesGone = current.participants().stream().filter(p -> !p.isCaller()).allMatch(p -> p.leftAt() != null);
            if (callerGone) {
                return finish(current, EndReason.MISSED, leaver);
            }
            if (calleesGone) {
                return finish(current, EndReason.DECLINED, leaver);
            }
        }
        return current;
    }

    private Call finish(Call call, EndReason reason, @Nullable UUID by) {
        Instant now = clock.instant();
        Call ended = call.end(reason, by, now);
        calls.saveTransition(ended);
        calls.leaveAll(call.callId(), now);
        outbox.append(Streams.SIGNALING, CallEvents.ENDED, call.callId(), CallEvents.CallEnded.of(ended));
        int revoked = turn.revokeCall(call.callId());
        notices.publishEvent(new CallNotice.Ended(ended));
        log.info("Call {} ended: {} after {} s ({} TURN credentials revoked)", call.callId(),
                reason.name().toLowerCase(java.util.Locale.ROOT), ended.durationSeconds(), revoked);
        return ended;
    }

    // ---- the clock ----------------------------------------------------------------------------------

    /** Calls that rang out unanswered are missed. Returns how many. */
    int expireRinging() {
        Integer count = transactions.execute(status -> {
            List<UUID> due = calls.lockRingingDue(clock.instant(), 50);
            for (UUID callId : due) {
                calls.lock(callId).filter(call -> !call.isEnded()).ifPresent(call -> finish(call, EndReason.MISSED, null));
            }
            return due.size();
        });
        return count != null ? count : 0;
    }

    /** Participants whose grace window ran out are gone; the call ends when fewer than two remain. */
    int expireGrace() {
        Integer count = transactions.execute(status -> {
            Instant now = clock.instant();
            List<CallRepository.Dropped> dropped = calls.lockGraceOver(now.minus(properties.rejoinGrace()), 50);
            for (CallRepository.Dropped gone : dropped) {
                Call call = calls.lock(gone.callId()).orElse(null);
                if (call == null || call.isEnded()) {
                    continue;
                }
                calls.leave(gone.callId(), gone.userId(), now);
                notices.publishEvent(new CallNotice.PeerGone(gone.callId(), gone.userId(), "timed_out"));
                settle(call, gone.userId());
            }
            return dropped.size();
        });
        return count != null ? count : 0;
    }

    /** Sockets of an instance that stopped vouching for them (it died) count as dropped now. */
    List<CallRepository.Stale> dropStale() {
        Instant now = clock.instant();
        List<CallRepository.Stale> stale = calls.staleConnections(now.minus(properties.livenessRefresh().multipliedBy(3)), 100);
        List<CallRepository.Stale> dropped = new ArrayList<>();
        for (CallRepository.Stale socket : stale) {
            if (calls.disconnect(socket.callId(), socket.userId(), socket.connectionId(), now)) {
                dropped.add(socket);
            }
        }
        return dropped;
    }

    /** This instance's sockets are alive. */
    public void vouchFor(Collection<String> connectionIds) {
        calls.touch(connectionIds, clock.instant());
    }

    public CallProperties properties() {
        return properties;
    }

    private static Call withParticipants(Call call, List<Participant> participants) {
        return new Call(call.callId(), call.sessionId(), call.callerId(), call.callType(), call.status(), call.endReason(),
                call.endedBy(), call.createdAt(), call.ringUntil(), call.startedAt(), call.endedAt(), participants);
    }
}
