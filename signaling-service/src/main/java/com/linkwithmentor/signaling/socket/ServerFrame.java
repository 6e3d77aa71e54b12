package com.linkwithmentor.signaling.socket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.linkwithmentor.signaling.call.CallStatus;
import com.linkwithmentor.signaling.call.CallType;
import com.linkwithmentor.signaling.call.EndReason;

/**
 * What the signaling socket sends; Jackson writes each record's name as its {@code type}. A
 * relayed frame carries {@code from} (the sender, as the server knows it) instead of {@code to}.
 * Errors and rate-limit notices come from the socket layer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface ServerFrame {

    /** First frame: who this socket is, and the calls ringing or under way that it may join. */
    @JsonTypeName("ready")
    record Ready(String connectionId, UUID userId, List<LiveCall> calls, long heartbeatSeconds, long rejoinGraceSeconds)
            implements ServerFrame {
    }

    record LiveCall(UUID callId, @Nullable UUID sessionId, UUID callerId, CallType callType, CallStatus status,
            List<UUID> participantIds) {
    }

    /** Sent to a callee's sockets when a call rings them. */
    @JsonTypeName("call_ringing")
    record CallRinging(UUID callId, @Nullable UUID sessionId, UUID callerId, CallType callType, List<UUID> participantIds,
            Instant ringUntil) implements ServerFrame {
    }

    /**
     * The answer to {@code join}: the peers connected now, and this peer's role in perfect
     * negotiation, decided by the server so both sides agree: {@code polite} toward every peer in
     * {@code polite_toward} (those ranked before it; the caller is polite toward nobody).
     */
    @JsonTypeName("joined")
    record Joined(UUID callId, List<UUID> peers, boolean polite, List<UUID> politeToward, boolean rejoined,
            CallType callType, CallStatus status, List<UUID> participantIds) implements ServerFrame {
    }

    @JsonTypeName("peer_joined")
    record PeerJoined(UUID callId, UUID userId, boolean rejoined) implements ServerFrame {
    }

    /**
     * A peer is not connected any more: {@code connection_lost} (it may rejoin within
     * {@code rejoin_within_seconds}: keep its media), {@code left} or {@code timed_out} (gone).
     */
    @JsonTypeName("peer_left")
    record PeerLeft(UUID callId, UUID userId, String reason, @Nullable Long rejoinWithinSeconds) implements ServerFrame {
    }

    /** This socket is no longer in the call (the same user joined it from another socket). */
    @JsonTypeName("left")
    record Left(UUID callId, String reason) implements ServerFrame {
    }

    @JsonTypeName("offer")
    record Offer(UUID callId, UUID from, String sdp) implements ServerFrame {
    }

    @JsonTypeName("answer")
    record Answer(UUID callId, UUID from, String sdp) implements ServerFrame {
    }

    @JsonTypeName("ice_candidate")
    record IceCandidate(UUID callId, UUID from, SignalFrame.Candidate candidate) implements ServerFrame {
    }

    @JsonTypeName("mute")
    record Mute(UUID callId, UUID from) implements ServerFrame {
    }

    @JsonTypeName("unmute")
    record Unmute(UUID callId, UUID from) implements ServerFrame {
    }

    @JsonTypeName("camera_on")
    record CameraOn(UUID callId, UUID from) implements ServerFrame {
    }

    @JsonTypeName("camera_off")
    record CameraOff(UUID callId, UUID from) implements ServerFrame {
    }

    /** {@code purpose: "screen"}: show the stream {@code stream_id} as a shared screen, not a camera. */
    @JsonTypeName("screen_share_started")
    record ScreenShareStarted(UUID callId, UUID from, String streamId, @Nullable String trackId, String purpose)
            implements ServerFrame {
    }

    @JsonTypeName("screen_share_stopped")
    record ScreenShareStopped(UUID callId, UUID from, @Nullable String streamId, String purpose) implements ServerFrame {
    }

    @JsonTypeName("ice_restart")
    record IceRestart(UUID callId, UUID from) implements ServerFrame {
    }

    /** The call is over for everyone. */
    @JsonTypeName("ended")
    record Ended(UUID callId, EndReason reason, @Nullable UUID endedBy, long durationSeconds) implements ServerFrame {
    }

    @JsonTypeName("pong")
    record Pong(Instant at) implements ServerFrame {
    }
}
