package com.linkwithmentor.meeting.session;

/** A session on its own, or one occurrence of a recurring series. */
public enum SessionType {
    ONE_TIME, RECURRING
}
