package com.linkwithmentor.user.payment;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/**
 * The design's payment providers, each with the shape of address it pays to: a UPI VPA
 * ({@code name@bank}), a PayPal email, a Stripe connected account ({@code acct_…}), or a Razorpay
 * linked account ({@code acc_…}) or VPA.
 */
enum PaymentProvider {

    UPI("a UPI id like name@bank", Patterns.VPA),
    PAYPAL("the PayPal account's email", Patterns.EMAIL),
    GOOGLE_PAY("a UPI id like name@okbank", Patterns.VPA),
    STRIPE("a Stripe account id like acct_1A2b3C4d5E", Pattern.compile("acct_[A-Za-z0-9]{8,40}")),
    RAZORPAY("a Razorpay account id like acc_A1b2C3d4E5 or a UPI id",
            Pattern.compile("acc_[A-Za-z0-9]{8,40}|" + Patterns.VPA.pattern()));

    private final String expected;

    private final Pattern address;

    PaymentProvider(String expected, Pattern address) {
        this.expected = expected;
        this.address = address;
    }

    /** Throws a 400 naming {@code vpa_address} when the address does not fit this provider. */
    String validate(String vpaAddress) {
        String trimmed = vpaAddress.trim();
        if (!address.matcher(trimmed).matches()) {
            throw ApiException.badRequest("vpa_address", "vpa_address is not valid for " + wireName() + ": expected " + expected);
        }
        return trimmed;
    }

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static PaymentProvider fromWire(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace("GOOGLEPAY", "GOOGLE_PAY");
        try {
            return valueOf(normalized);
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("provider", "provider must be one of upi, paypal, google_pay, stripe, razorpay");
        }
    }

    private static final class Patterns {

        static final Pattern VPA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,255}@[A-Za-z][A-Za-z0-9]{1,63}");

        static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    }
}
