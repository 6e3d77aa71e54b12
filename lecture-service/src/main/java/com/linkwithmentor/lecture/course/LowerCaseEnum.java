package com.linkwithmentor.lecture.course;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

import org.jspecify.annotations.Nullable;

/**
 * Enums stored as their lower-case names (as the schema's CHECK constraints and the JSON write
 * them); one subclass per enum, named in {@code @Convert}.
 */
public abstract class LowerCaseEnum<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnum(Class<E> type) {
        this.type = type;
    }

    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public @Nullable E convertToEntityAttribute(@Nullable String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
