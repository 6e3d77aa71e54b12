package com.linkwithmentor.user.account;

import java.util.UUID;

import com.linkwithmentor.common.security.Role;

/**
 * In-process notices of account changes, published inside the changing transaction, so other
 * features (profiles, emails) react without the account feature knowing them.
 */
public sealed interface AccountChanged {

    UUID userId();

    /** A new account; {@code viaPassword} is false for a Google sign-up (email already verified). */
    record Created(UUID userId, String email, boolean viaPassword) implements AccountChanged {
    }

    record RoleEnabled(UUID userId, Role role) implements AccountChanged {
    }

    record Renamed(UUID userId) implements AccountChanged {
    }
}
