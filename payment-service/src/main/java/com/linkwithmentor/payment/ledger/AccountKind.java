package com.linkwithmentor.payment.ledger;

import java.util.Locale;

/**
 * The ledger's accounts, each with its normal side and whether it may ever go below zero. Money
 * at a provider (clearing) is an asset (debit); what the platform owes someone is a liability
 * (credit): a session's escrow, a mentor's pending and available balances, payouts and refunds
 * on their way out. Clearing alone may dip below zero: a payout can leave through another
 * provider than the one the payment came in by, and reconciliation watches it instead.
 */
public enum AccountKind {

    PROVIDER_CLEARING(true, false),
    PLATFORM_REVENUE(false, true),
    ESCROW(false, true),
    MENTOR_PENDING(false, true),
    MENTOR_AVAILABLE(false, true),
    PAYOUTS_IN_FLIGHT(false, true),
    REFUNDS_IN_FLIGHT(false, true);

    private final boolean debitNormal;

    private final boolean nonNegative;

    AccountKind(boolean debitNormal, boolean nonNegative) {
        this.debitNormal = debitNormal;
        this.nonNegative = nonNegative;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean debitNormal() {
        return debitNormal;
    }

    boolean nonNegative() {
        return nonNegative;
    }
}
