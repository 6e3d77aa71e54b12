package com.linkwithmentor.signaling.call;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The payloads of {@code events.signaling} (subject: the call id), as CONTRACTS.md names them. */
final class CallEvents {

    static final String RINGING = "CallRinging";

    static final String STARTED = "CallStarted";

    static final String ENDED = "CallEnded";

    private CallEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallRinging(UUID callId, @Nullable UUID sessionId, UUID callerId, List<UUID> calleeIds, CallType callType) {

        static CallRinging of(Call call) {
            return new CallRinging(call.callId(), call.sessionId(), call.callerId(), call.calleeIds(), call.callType());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallStarted(UUID callId, @Nullable UUID sessionId, List<UUID> participantIds, Instant startedAt) {

        static CallStarted of(Call call) {
            return new CallStarted(call.callId(), call.sessionId(), call.participantIds(), call.startedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallEnded(UUID callId, @Nullable UUID sessionId, EndReason reason, long durationSeconds) {

        static CallEnded of(Call call) {
            return new CallEnded(call.callId(), call.sessionId(), call.endReason(), call.durationSeconds());
        }
    }
}
