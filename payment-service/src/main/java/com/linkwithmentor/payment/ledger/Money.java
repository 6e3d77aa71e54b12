package com.linkwithmentor.payment.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount of one currency as the API shows it: {@code {"amount": "500.00", "currency": "INR"}}
 * (a decimal string, ISO 4217). The ledger keeps integers of the currency's minor unit.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public static Money ofMinor(long minor, String currency) {
        return new Money(BigDecimal.valueOf(minor, digits(currency)), currency);
    }

    public long minor() {
        return amount.setScale(digits(currency), RoundingMode.UNNECESSARY).movePointRight(digits(currency)).longValueExact();
    }

    /** The decimal string of an amount in minor units, as events carry it ({@code "500.00"}). */
    public static String decimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
    }

    public static int digits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    /** {@code minor * basisPoints / 10000}, rounded half-up: fees and refund percentages. */
    public static long share(long minor, long basisPoints) {
        return BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(basisPoints))
            .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
