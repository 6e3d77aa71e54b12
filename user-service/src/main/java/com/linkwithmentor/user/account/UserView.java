package com.linkwithmentor.user.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.common.security.Role;

/**
 * A user as the API shows it. The owner and admins see everything; any other signed-in user sees
 * the public part only (no email, no status details).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(UUID userId, String username, @Nullable String email, List<Role> roles,
        @Nullable Boolean emailVerified, @Nullable String status, @Nullable String suspendedReason, Instant createdAt) {

    public static UserView full(User user) {
        return new UserView(user.id(), user.username(), user.email(), sorted(user), user.emailVerified(),
                user.status().name().toLowerCase(java.util.Locale.ROOT), user.suspendedReason(), user.createdAt());
    }

    public static UserView publicPart(User user) {
        return new UserView(user.id(), user.username(), null, sorted(user), null, null, null, user.createdAt());
    }

    private static List<Role> sorted(User user) {
        return user.roles().stream().sorted().toList();
    }
}
