package com.linkwithmentor.payment.checkout;

import java.util.UUID;

/**
 * What checkout needs to know about a subscription the caller wants to pay for: implemented by
 * the subscription feature (so checkout does not reach into it).
 */
public interface SubscriptionCharges {

    /** The subscription's first charge, if it belongs to the mentee and awaits payment; else an ApiException. */
    Charge firstCharge(UUID subscriptionId, UUID menteeId);

    record Charge(UUID subscriptionId, UUID mentorId, long amountMinor, String currency, String description) {
    }
}
