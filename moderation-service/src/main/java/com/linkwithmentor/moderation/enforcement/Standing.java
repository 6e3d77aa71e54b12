package com.linkwithmentor.moderation.enforcement;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonValue;
import com.linkwithmentor.common.error.ApiException;

/**
 * A user's standing with moderation: in good standing, warned, muted until a time, or suspended.
 * Sanctions only get heavier through {@link #warn}, {@link #mute} and {@link #suspend} (a warning
 * never shortens a mute); only {@link #reinstate} lifts one. A mute lapses by itself. The event
 * that imposed the sanction, and the strike count that triggered it, are kept so that overturning
 * that decision can lift it again.
 */
public final class Standing {

    public enum Status {

        GOOD, WARNED, MUTED, SUSPENDED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UUID userId;

    private Status status;

    private @Nullable Instant mutedUntil;

    private @Nullable String reason;

    private @Nullable UUID sanctionEventId;

    private @Nullable Integer sanctionThreshold;

    Standing(UUID userId, Status status, @Nullable Instant mutedUntil, @Nullable String reason,
            @Nullable UUID sanctionEventId, @Nullable Integer sanctionThreshold) {
        this.userId = userId;
        this.status = status;
        this.mutedUntil = mutedUntil;
        this.reason = reason;
        this.sanctionEventId = sanctionEventId;
        this.sanctionThreshold = sanctionThreshold;
    }

    /** The status as of {@code now}: a mute whose time is up has lapsed into a warning. */
    public Status effective(Instant now) {
        if (status == Status.MUTED && mutedUntil != null && !mutedUntil.isAfter(now)) {
            return Status.WARNED;
        }
        return status;
    }

    public boolean restricted(Instant now) {
        Status current = effective(now);
        return current == Status.MUTED || current == Status.SUSPENDED;
    }

    /** False when a mute or suspension is in force, which a warning must not replace. */
    boolean warn(String why, Instant now) {
        if (restricted(now)) {
            return false;
        }
        status = Status.WARNED;
        mutedUntil = null;
        reason = why;
        return true;
    }

    /** False when the user is suspended or already muted at least as long. */
    boolean mute(Instant until, String why, Instant now) {
        Status current = effective(now);
        if (current == Status.SUSPENDED || (current == Status.MUTED && mutedUntil != null && !mutedUntil.isBefore(until))) {
            return false;
        }
        status = Status.MUTED;
        mutedUntil = until;
        reason = why;
        return true;
    }

    /** False when already suspended. */
    boolean suspend(String why, Instant now) {
        if (effective(now) == Status.SUSPENDED) {
            return false;
        }
        status = Status.SUSPENDED;
        mutedUntil = null;
        reason = why;
        return true;
    }

    void imposedBy(UUID eventId, @Nullable Integer strikeThreshold) {
        sanctionEventId = eventId;
        sanctionThreshold = strikeThreshold;
    }

    /** Lifts a mute or suspension and returns what was lifted; 409 when nothing restricts the user. */
    Status reinstate(Instant now) {
        Status lifted = effective(now);
        if (lifted != Status.MUTED && lifted != Status.SUSPENDED) {
            throw ApiException.conflict("The user is not muted or suspended; there is nothing to lift");
        }
        status = Status.GOOD;
        mutedUntil = null;
        reason = null;
        sanctionEventId = null;
        sanctionThreshold = null;
        return lifted;
    }

    /** A warning whose grounds were overturned: good standing again, unless something heavier came since. */
    void withdrawWarning() {
        if (status == Status.WARNED) {
            status = Status.GOOD;
            reason = null;
            sanctionEventId = null;
            sanctionThreshold = null;
        }
    }

    public UUID userId() {
        return userId;
    }

    public Status status() {
        return status;
    }

    public @Nullable Instant mutedUntil() {
        return mutedUntil;
    }

    public @Nullable String reason() {
        return reason;
    }

    public @Nullable UUID sanctionEventId() {
        return sanctionEventId;
    }

    public @Nullable Integer sanctionThreshold() {
        return sanctionThreshold;
    }
}
