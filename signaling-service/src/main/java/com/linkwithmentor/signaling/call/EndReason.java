package com.linkwithmentor.signaling.call;

/**
 * Why a call ended: {@code completed} (it was answered, then hung up or everyone left),
 * {@code declined} (a callee refused it while it rang), {@code missed} (nobody answered in time,
 * or the caller gave up first), {@code failed} (media never worked, or a participant was suspended).
 */
public enum EndReason {
    COMPLETED, DECLINED, MISSED, FAILED
}
