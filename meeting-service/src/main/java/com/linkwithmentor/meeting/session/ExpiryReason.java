package com.linkwithmentor.meeting.session;

/** Why a session ended without taking place: its payment hold ran out, the payment failed, or a proposal was never answered. */
public enum ExpiryReason {
    PAYMENT_TIMEOUT, PAYMENT_FAILED, PROPOSAL_LAPSED
}
