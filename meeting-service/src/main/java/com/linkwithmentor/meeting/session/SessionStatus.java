package com.linkwithmentor.meeting.session;

/** Where a session stands; the first four hold the session's time (the exclusion constraints' statuses). */
public enum SessionStatus {

    PROPOSED, PENDING_PAYMENT, SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW, EXPIRED, DECLINED;

    public boolean holdsTime() {
        return this == PROPOSED || this == PENDING_PAYMENT || this == SCHEDULED || this == IN_PROGRESS;
    }
}
