package com.linkwithmentor.meeting.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

/** An amount with its ISO 4217 currency, written as a decimal string: {@code {"amount": "500.00", "currency": "INR"}}. */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public Money {
        amount = amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** An hourly rate times a length, rounded half-up to the cent; no rate means free. */
    public static Money forLength(BigDecimal hourlyRate, String currency, Duration length) {
        BigDecimal amount = hourlyRate.multiply(BigDecimal.valueOf(length.toMinutes()))
            .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        return new Money(amount, currency);
    }

    @JsonIgnore
    public boolean isFree() {
        return amount.signum() == 0;
    }
}
