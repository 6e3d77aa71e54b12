package com.linkwithmentor.sandbox;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One thing the sandbox was asked to do, as a gateway keeps it: a payment (an order the payer pays
 * by UPI intent or on the hosted card page, or a charge on a mandate), a refund of a payment, or a
 * payout to a VPA. Each settles once, to {@code succeeded} or {@code failed}; a second settle is refused.
 */
final class Operation {

    enum Kind {
        PAYMENT, REFUND, PAYOUT
    }

    final Kind kind;

    final String ref;

    /** The caller's own id for it (payment-service's transaction id): the same reference is the same operation. */
    final String reference;

    final long amountMinor;

    final String currency;

    final URI notifyUrl;

    final Instant createdAt;

    @Nullable String method;

    @Nullable String paymentRef;

    @Nullable String vpa;

    @Nullable String mandateRef;

    boolean setupMandate;

    String status = "pending";

    @Nullable String failureReason;

    @Nullable Instant settledAt;

    Operation(Kind kind, String ref, String reference, long amountMinor, String currency, URI notifyUrl, Instant createdAt) {
        this.kind = kind;
        this.ref = ref;
        this.reference = reference;
        this.amountMinor = amountMinor;
        this.currency = currency;
        this.notifyUrl = notifyUrl;
        this.createdAt = createdAt;
    }

    boolean pending() {
        return status.equals("pending");
    }

    String eventPrefix() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
