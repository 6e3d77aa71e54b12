package com.linkwithmentor.lecture.course;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A price as the platform writes money: a decimal string and an ISO 4217 code ({@code {"amount": "500.00", "currency": "INR"}}). */
public record Money(
        @NotNull @Pattern(regexp = "^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$", message = "must be a decimal string such as 500.00 (at most 999999999.99)") String amount,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as INR") String currency) {

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString(), currency);
    }

    public BigDecimal value() {
        return new BigDecimal(amount).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
