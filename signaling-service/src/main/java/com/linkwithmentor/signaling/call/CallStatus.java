package com.linkwithmentor.signaling.call;

/** Ringing until a second participant joins, active until it ends, then ended for good. */
public enum CallStatus {
    RINGING, ACTIVE, ENDED
}
