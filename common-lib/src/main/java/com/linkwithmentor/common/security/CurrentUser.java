package com.linkwithmentor.common.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.linkwithmentor.common.error.ApiException;

/**
 * The signed-in caller, as the access token says: who, which roles they hold, which one is active
 * for this token, and the login session the token belongs to. Controllers take it as a parameter.
 */
public record CurrentUser(UUID id, Set<Role> roles, Role activeRole, String sessionId) implements Caller {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return activeRole == Role.ADMIN;
    }

    public boolean is(UUID userId) {
        return id.equals(userId);
    }

    /** Demands that one of the given roles be the active one: 403 otherwise. */
    public CurrentUser requireActiveRole(Role... allowed) {
        if (!Arrays.asList(allowed).contains(activeRole)) {
            throw ApiException.forbidden("This action needs the active role " + describe(allowed)
                    + "; the token's active role is " + activeRole.wireName());
        }
        return this;
    }

    /** Demands that the caller be the given user or act as admin: 403 otherwise. */
    public CurrentUser requireSelfOrAdmin(UUID userId) {
        if (!is(userId) && !isAdmin()) {
            throw ApiException.forbidden("You may only access your own data");
        }
        return this;
    }

    private static String describe(Role... roles) {
        List<String> names = Arrays.stream(roles).map(Role::wireName).toList();
        return String.join(" or ", names);
    }
}
