package com.linkwithmentor.payment.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.payment.PaymentProperties;

/** The currencies payment-service takes (configuration {@code lwm.payments.currencies}). */
@Component
public class Currencies {

    /** The largest amount accepted anywhere: ten billion in major units keeps every sum inside a BIGINT. */
    private static final BigDecimal MAX = new BigDecimal("10000000000");

    private final List<String> supported;

    Currencies(PaymentProperties properties) {
        this.supported = properties.currencies().stream().map(code -> code.trim().toUpperCase(Locale.ROOT)).toList();
    }

    /** The currency code, if supported; otherwise a 400 naming {@code field}. */
    public String require(String field, String code) {
        if (!supported.contains(code)) {
            throw ApiException.badRequest(field, "Currency '" + code + "' is not supported; use one of " + String.join(", ", supported));
        }
        return code;
    }

    /** A positive amount of a supported currency with no more decimals than the currency has. */
    public Money money(String field, BigDecimal amount, String currency) {
        require(field + ".currency", currency);
        if (amount.signum() <= 0) {
            throw ApiException.badRequest(field + ".amount", "The amount must be more than zero");
        }
        if (amount.compareTo(MAX) >= 0) {
            throw ApiException.badRequest(field + ".amount", "The amount is too large");
        }
        if (amount.stripTrailingZeros().scale() > Money.digits(currency)) {
            throw ApiException.badRequest(field + ".amount", currency + " amounts have at most " + Money.digits(currency) + " decimals");
        }
        return new Money(amount.setScale(Money.digits(currency)), currency);
    }

    public List<String> supported() {
        return supported;
    }
}
