package com.linkwithmentor.payment.subscription;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** incomplete (first charge not yet paid) → active ⇄ past_due (a renewal failed; retried) → cancelled. */
enum SubscriptionStatus {

    INCOMPLETE, ACTIVE, PAST_DUE, CANCELLED;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<SubscriptionStatus, String> {

        @Override
        public String convertToDatabaseColumn(SubscriptionStatus status) {
            return status.wireName();
        }

        @Override
        public SubscriptionStatus convertToEntityAttribute(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
