package com.linkwithmentor.meeting.session;

/** Who cancelled: one of the two sides, or the platform (a suspension, a payment after the session ended). */
public enum CancelledBy {
    MENTOR, MENTEE, SYSTEM
}
