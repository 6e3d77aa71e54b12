package com.linkwithmentor.signaling.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * The design's CallSession: who is in it, what kind of call, and where it stands. Immutable; each
 * transition checks its rule and returns the call as it is afterwards, which the repository saves
 * under the row lock it was read with.
 */
public record Call(UUID callId, @Nullable UUID sessionId, UUID callerId, CallType callType, CallStatus status,
        @Nullable EndReason endReason, @Nullable UUID endedBy, Instant createdAt, Instant ringUntil,
        @Nullable Instant startedAt, @Nullable Instant endedAt, List<Participant> participants) {

    public Call {
        participants = List.copyOf(participants);
    }

    /** A new call ringing its callees; the caller ranks first, the callees in the order given. */
    public static Call ring(UUID callId, @Nullable UUID sessionId, UUID callerId, List<UUID> calleeIds, CallType callType,
            Instant now, Duration ringTimeout) {
        List<Participant> participants = new ArrayList<>();
        participants.add(new Participant(callerId, 0, null, null, null, null));
        for (UUID callee : calleeIds) {
            participants.add(new Participant(callee, participants.size(), null, null, null, null));
        }
        return new Call(callId, sessionId, callerId, callType, CallStatus.RINGING, null, null, now, now.plus(ringTimeout),
                null, null, participants);
    }

    public boolean isEnded() {
        return status == CallStatus.ENDED;
    }

    public Optional<Participant> participant(UUID userId) {
        return participants.stream().filter(p -> p.userId().equals(userId)).findFirst();
    }

    /** The participant, or 404 for anyone else: a call one is not in does not exist for them. */
    public Participant requireParticipant(UUID userId) {
        return participant(userId).orElseThrow(() -> ApiException.notFound("Call"));
    }

    public List<UUID> participantIds() {
        return participants.stream().map(Participant::userId).toList();
    }

    public List<UUID> calleeIds() {
        return participants.stream().filter(p -> !p.isCaller()).map(Participant::userId).toList();
    }

    /** Answered: a second participant joined while it rang. */
    public Call start(Instant at) {
        if (status != CallStatus.RINGING) {
            throw new IllegalStateException("Only a ringing call starts; this one is " + status);
        }
        return new Call(callId, sessionId, callerId, callType, CallStatus.ACTIVE, null, null, createdAt, ringUntil, at, null,
                participants);
    }

    /** Ends it for everyone; only a live call ends. */
    public Call end(EndReason reason, @Nullable UUID by, Instant at) {
        if (isEnded()) {
            throw ApiException.conflict("The call has already ended");
        }
        return new Call(callId, sessionId, callerId, callType, CallStatus.ENDED, reason, by, createdAt, ringUntil, startedAt,
                at, participants);
    }

    /**
     * What a hang-up by this participant means: while it rings, the caller giving up is a missed
     * call for the others and a callee refusing it is a decline; once answered, it is completed.
     * A client may report {@code failed} instead (its media never connected).
     */
    public EndReason hangUpReason(UUID by, @Nullable EndReason reported) {
        if (reported == EndReason.FAILED) {
            return EndReason.FAILED;
        }
        if (status == CallStatus.RINGING) {
            return requireParticipant(by).isCaller() ? EndReason.MISSED : EndReason.DECLINED;
        }
        return EndReason.COMPLETED;
    }

    /** Seconds between answer and end (0 for a call never answered). */
    public long durationSeconds() {
        if (startedAt == null) {
            return 0;
        }
        Instant end = endedAt != null ? endedAt : Instant.now();
        return Math.max(0, Duration.between(startedAt, end).toSeconds());
    }

    /** The number of participants connected or within their grace window. */
    public long presentCount() {
        return participants.stream().filter(Participant::present).count();
    }
}
