package com.linkwithmentor.meeting.session;

/** Whether the mentee booked the session or the mentor proposed it. */
public enum Origin {
    BOOKED, PROPOSED
}
