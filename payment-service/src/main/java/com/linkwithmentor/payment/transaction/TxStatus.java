package com.linkwithmentor.payment.transaction;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Transaction model's statuses; succeeded, failed and reversed are terminal (the database says so too). */
public enum TxStatus {

    PENDING, PROCESSING, SUCCEEDED, FAILED, REVERSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TxStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == REVERSED;
    }
}
