package com.linkwithmentor.meeting.whiteboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How fast one person may change one board: a token bucket of {@code capacity} operations that
 * refills at {@code perSecond}; a batch takes one token per operation, all or none. Pure: time
 * comes from the clock given.
 */
public final class OpRate {

    private final int capacity;

    private final double perSecond;

    private final Clock clock;

    private double tokens;

    private Instant refilledAt;

    public OpRate(int capacity, double perSecond, Clock clock) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("An op rate needs a positive capacity and refill");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    /** Takes {@code count} tokens and answers zero, or takes none and answers how long until there are enough. */
    public synchronized Duration tryTake(int count) {
        if (count > capacity) {
            return Duration.ofMillis((long) Math.ceil((count - capacity) * 1000 / perSecond) + 1000L * capacity);
        }
        Instant now = clock.instant();
        double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
        tokens = Math.min(capacity, tokens + elapsed * perSecond);
        refilledAt = now;
        if (tokens >= count) {
            tokens -= count;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((count - tokens) * 1000 / perSecond));
    }
}
