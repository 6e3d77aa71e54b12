package com.linkwithmentor.signaling.socket;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The frames a signaling client sends, named by {@code type} (the design's SignalingMessage:
 * Offer, Answer, IceCandidate, CallEnd, and the rest of a call's life). Sizes are bounded here;
 * the shape of a session description or candidate is checked by {@link SignalRules}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SignalFrame.Join.class, name = "join"),
        @JsonSubTypes.Type(value = SignalFrame.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = SignalFrame.End.class, name = "end"),
        @JsonSubTypes.Type(value = SignalFrame.Offer.class, name = "offer"),
        @JsonSubTypes.Type(value = SignalFrame.Answer.class, name = "answer"),
        @JsonSubTypes.Type(value = SignalFrame.IceCandidate.class, name = "ice_candidate"),
        @JsonSubTypes.Type(value = SignalFrame.Mute.class, name = "mute"),
        @JsonSubTypes.Type(value = SignalFrame.Unmute.class, name = "unmute"),
        @JsonSubTypes.Type(value = SignalFrame.CameraOn.class, name = "camera_on"),
        @JsonSubTypes.Type(value = SignalFrame.CameraOff.class, name = "camera_off"),
        @JsonSubTypes.Type(value = SignalFrame.ScreenShareStarted.class, name = "screen_share_started"),
        @JsonSubTypes.Type(value = SignalFrame.ScreenShareStopped.class, name = "screen_share_stopped"),
        @JsonSubTypes.Type(value = SignalFrame.IceRestart.class, name = "ice_restart"),
        @JsonSubTypes.Type(value = SignalFrame.Ping.class, name = "ping") })
sealed interface SignalFrame {

    /** Ids and names a client makes up (stream and track ids): letters, digits and {@code -_.{}}. */
    String TOKEN = "[A-Za-z0-9_.{}-]*";

    /** Every frame but {@code ping} is about one call. */
    sealed interface InCall extends SignalFrame {
        UUID callId();
    }

    /** Join (or rejoin) a call one is a participant of. */
    record Join(@NotNull UUID callId) implements InCall {
    }

    /** Leave without ending the call for the others (it ends when fewer than two remain). */
    record Leave(@NotNull UUID callId) implements InCall {
    }

    /** Hang up for everyone; {@code reason: "failed"} when this side's media never worked. */
    record End(@NotNull UUID callId,
            @Nullable @Pattern(regexp = "failed", message = "may only be 'failed'") String reason) implements InCall {
    }

    record Offer(@NotNull UUID callId, @NotNull UUID to, @NotNull @Size(max = SignalRules.MAX_SDP_CHARS) String sdp)
            implements InCall {
    }

    record Answer(@NotNull UUID callId, @NotNull UUID to, @NotNull @Size(max = SignalRules.MAX_SDP_CHARS) String sdp)
            implements InCall {
    }

    record IceCandidate(@NotNull UUID callId, @NotNull UUID to, @NotNull @Valid Candidate candidate) implements InCall {
    }

    /**
     * The browser's {@code RTCIceCandidateInit}, in snake case. An empty {@code candidate} is the
     * end of candidates. {@code sdpMLineIndex} is named explicitly: Jackson's snake case makes it
     * {@code sdp_mline_index}, and the protocol (and every client) says {@code sdp_m_line_index};
     * its range is checked by {@link SignalRules#requireCandidate}, which names it so too.
     */
    record Candidate(@NotNull @Size(max = SignalRules.MAX_CANDIDATE_CHARS) String candidate,
            @Nullable @Size(max = 64) @Pattern(regexp = TOKEN, message = "may contain only letters, digits and -_.{}") String sdpMid,
            @JsonProperty("sdp_m_line_index") @Nullable Integer sdpMLineIndex,
            @Nullable @Size(max = 256) @Pattern(regexp = "[A-Za-z0-9+/=]*", message = "must be ICE characters") String usernameFragment) {
    }

    record Mute(@NotNull UUID callId) implements InCall {
    }

    record Unmute(@NotNull UUID callId) implements InCall {
    }

    record CameraOn(@NotNull UUID callId) implements InCall {
    }

    record CameraOff(@NotNull UUID callId) implements InCall {
    }

    /**
     * Sent before the renegotiation that adds the screen track, so the other side shows the stream
     * with this id as a screen rather than a camera.
     */
    record ScreenShareStarted(@NotNull UUID callId,
            @NotBlank @Size(max = 128) @Pattern(regexp = TOKEN, message = "may contain only letters, digits and -_.{}") String streamId,
            @Nullable @Size(max = 128) @Pattern(regexp = TOKEN, message = "may contain only letters, digits and -_.{}") String trackId)
            implements InCall {
    }

    record ScreenShareStopped(@NotNull UUID callId,
            @Nullable @Size(max = 128) @Pattern(regexp = TOKEN, message = "may contain only letters, digits and -_.{}") String streamId)
            implements InCall {
    }

    /** This side restarts ICE after a network change; {@code to}: one peer, or all when absent. */
    record IceRestart(@NotNull UUID callId, @Nullable UUID to) implements InCall {
    }

    record Ping() implements SignalFrame {
    }
}
