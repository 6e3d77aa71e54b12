package com.linkwithmentor.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: real time until a test sets or advances it, so holds, start
 * windows and sweeps can be reached without waiting. Tokens are still checked against real time.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now != null ? now : Instant.now();
    }

    public void set(Instant now) {
        fixed.set(now);
    }

    public void advance(Duration by) {
        fixed.set(instant().plus(by));
    }

    /** Back to real time. */
    public void reset() {
        fixed.set(null);
    }
}
