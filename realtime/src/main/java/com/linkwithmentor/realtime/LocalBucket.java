package com.linkwithmentor.realtime;

/**
 * A token bucket in this JVM: up to {@code capacity} at once, refilled continuously at
 * {@code perSecond}. For frame limits checked on every frame, where a Redis round trip each would
 * cost more than the frame; limits that must hold across instances use common-lib's
 * {@code TokenBucket} (chat's send limit does).
 */
final class LocalBucket {

    private final double capacity;

    private final double perSecond;

    private double tokens;

    private long refilledAt = System.nanoTime();

    LocalBucket(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
    }

    synchronized boolean take() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    synchronized long retryAfterMillis() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1000 / perSecond);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
    }
}
