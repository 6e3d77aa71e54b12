package com.linkwithmentor.payment.settlement;

import java.util.Locale;

/** What a queued provider command asks for. */
public enum CommandKind {

    CREATE_PAYMENT, REFUND, PAYOUT, MANDATE_CHARGE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CommandKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
