package com.linkwithmentor.meeting.whiteboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * One {@link OpRate} per person and board on this instance, shared by REST and the live socket, so
 * switching between them buys no extra operations.
 */
@Component
class OpRates {

    private final Cache<String, OpRate> rates = Caffeine.newBuilder().maximumSize(50_000)
        .expireAfterAccess(10, TimeUnit.MINUTES).build();

    private final WhiteboardProperties properties;

    private final Clock clock;

    OpRates(WhiteboardProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes {@code count} operations from the person's budget on the board, or throws 429 with the wait. */
    void take(UUID userId, UUID sessionId, int count) {
        Duration wait = rates.get(userId + ":" + sessionId,
                key -> new OpRate(properties.opsBurst(), properties.opsPerSecond(), clock)).tryTake(count);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many board operations; slow down",
                    Map.of("retry_after_seconds", seconds, "retry_after_ms", wait.toMillis()));
        }
    }
}
