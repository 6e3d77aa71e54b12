package com.linkwithmentor.payment.transaction;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Transaction model's types. */
public enum TxType {

    PAYMENT, ESCROW_HOLD, ESCROW_RELEASE, REFUND, PAYOUT, SUBSCRIPTION_CHARGE, FEE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TxType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
