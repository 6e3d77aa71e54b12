package com.linkwithmentor.meeting.session;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/** Enums stored as their lower-case names, as the API writes them and the schema's CHECKs list them. */
abstract class WireEnums<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    WireEnums(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    static final class Status extends WireEnums<SessionStatus> {
        Status() {
            super(SessionStatus.class);
        }
    }

    @jakarta.persistence.Converter
    static final class Type extends WireEnums<SessionType> {
        Type() {
            super(SessionType.class);
        }
    }

    @jakarta.persistence.Converter
    static final class Origins extends WireEnums<Origin> {
        Origins() {
            super(Origin.class);
        }
    }

    @jakarta.persistence.Converter
    static final class Canceller extends WireEnums<CancelledBy> {
        Canceller() {
            super(CancelledBy.class);
        }
    }

    @jakarta.persistence.Converter
    static final class Party extends WireEnums<NoShowParty> {
        Party() {
            super(NoShowParty.class);
        }
    }

    @jakarta.persistence.Converter
    static final class Expiry extends WireEnums<ExpiryReason> {
        Expiry() {
            super(ExpiryReason.class);
        }
    }
}
