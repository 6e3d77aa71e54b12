package com.linkwithmentor.common.security;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/** A role a user can hold; several at once, one active per token. Written lower-case on the wire. */
public enum Role {

    MENTEE, MENTOR, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively; an unknown name is a 400 that lists the valid ones. */
    @JsonCreator
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value)) {
                return role;
            }
        }
        throw ApiException.badRequest("role", "Unknown role '" + value + "'; expected one of mentee, mentor, admin");
    }

    /** The Spring Security authority this role grants while active. */
    public String authority() {
        return "ROLE_" + name();
    }
}
