package com.linkwithmentor.user.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Role;

/**
 * An account. Role and status changes go through its methods, which enforce the rules (a user
 * keeps at least one role; a suspended user cannot sign in).
 */
public class User {

    /** The order in which a login picks the active role when the client names none. */
    private static final List<Role> DEFAULT_ROLE_ORDER = List.of(Role.MENTEE, Role.MENTOR, Role.ADMIN);

    private final UUID id;

    private String username;

    private String email;

    private final Set<Role> roles;

    private @Nullable String hashedPassword;

    private boolean emailVerified;

    private @Nullable String googleSubject;

    private Status status;

    private @Nullable String suspendedReason;

    private @Nullable Instant suspendedAt;

    private final Instant createdAt;

    public enum Status {
        ACTIVE, SUSPENDED
    }

    public User(UUID id, String username, String email, Set<Role> roles, @Nullable String hashedPassword,
            boolean emailVerified, @Nullable String googleSubject, Status status, @Nullable String suspendedReason,
            @Nullable Instant suspendedAt, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.hashedPassword = hashedPassword;
        this.emailVerified = emailVerified;
        this.googleSubject = googleSubject;
        this.status = status;
        this.suspendedReason = suspendedReason;
        this.suspendedAt = suspendedAt;
        this.createdAt = createdAt;
    }

    /** Adds a role; returns false when the user held it already. */
    public boolean enableRole(Role role) {
        return roles.add(role);
    }

    /** Removes a role the user holds, never the last one. */
    public void disableRole(Role role) {
        if (!roles.contains(role)) {
            throw ApiException.conflict("You do not hold the role " + role.wireName());
        }
        if (roles.size() == 1) {
            throw ApiException.conflict("You cannot disable your last role; enable another one first");
        }
        roles.remove(role);
    }

    public void suspend(String reason, Instant at) {
        if (status == Status.SUSPENDED) {
            throw ApiException.conflict("The user is already suspended");
        }
        status = Status.SUSPENDED;
        suspendedReason = reason;
        suspendedAt = at;
    }

    public void reinstate() {
        if (status != Status.SUSPENDED) {
            throw ApiException.conflict("The user is not suspended");
        }
        status = Status.ACTIVE;
        suspendedReason = null;
        suspendedAt = null;
    }

    /** A suspended user may not sign in or refresh: 403 naming the reason. */
    public void requireActive() {
        if (status == Status.SUSPENDED) {
            throw ApiException.forbidden("This account is suspended" + (suspendedReason != null ? ": " + suspendedReason : ""));
        }
    }

    /** The active role for a new login: the requested one if held, otherwise the default order. */
    public Role loginRole(@Nullable Role requested) {
        if (requested != null) {
            if (!roles.contains(requested)) {
                throw ApiException.forbidden("You do not hold the role " + requested.wireName());
            }
            return requested;
        }
        return DEFAULT_ROLE_ORDER.stream().filter(roles::contains).findFirst().orElseThrow();
    }

    public void verifyEmail() {
        emailVerified = true;
    }

    public void changePassword(String newHash) {
        hashedPassword = newHash;
    }

    /** Links a Google identity whose verified email matches this account's. */
    public void linkGoogle(String subject) {
        googleSubject = subject;
        emailVerified = true;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public @Nullable String hashedPassword() {
        return hashedPassword;
    }

    public boolean emailVerified() {
        return emailVerified;
    }

    public @Nullable String googleSubject() {
        return googleSubject;
    }

    public Status status() {
        return status;
    }

    public @Nullable String suspendedReason() {
        return suspendedReason;
    }

    public @Nullable Instant suspendedAt() {
        return suspendedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
