package com.linkwithmentor.meeting.session;

/** Who did not come. */
public enum NoShowParty {
    MENTOR, MENTEE
}
