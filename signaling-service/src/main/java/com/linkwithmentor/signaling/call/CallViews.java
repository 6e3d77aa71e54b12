package com.linkwithmentor.signaling.call;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Calls as the API shows them: the design's CallSession, plus who joined and how it ended. */
final class CallViews {

    private CallViews() {
    }

    record CallView(UUID callId, @Nullable UUID sessionId, UUID callerId, CallType callType, CallStatus status,
            @Nullable EndReason endReason, @Nullable UUID endedBy, Instant createdAt, Instant ringUntil,
            @Nullable Instant startedAt, @Nullable Instant endedAt, long durationSeconds, List<ParticipantView> participants) {

        static CallView of(Call call) {
            return new CallView(call.callId(), call.sessionId(), call.callerId(), call.callType(), call.status(),
                    call.endReason(), call.endedBy(), call.createdAt(), call.ringUntil(), call.startedAt(), call.endedAt(),
                    call.durationSeconds(), call.participants().stream().map(ParticipantView::of).toList());
        }
    }

    /** {@code joined_at}: first joined (null: never did); {@code connected}: has a socket in the call now. */
    record ParticipantView(UUID userId, String role, @Nullable Instant joinedAt, @Nullable Instant leftAt,
            boolean connected) {

        static ParticipantView of(Participant participant) {
            return new ParticipantView(participant.userId(), participant.isCaller() ? "caller" : "callee",
                    participant.joinedAt(), participant.leftAt(), participant.connected());
        }
    }

    record CallPage(List<CallView> items, @Nullable String nextCursor) {
    }
}
