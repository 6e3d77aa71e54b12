package com.linkwithmentor.user.account;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.common.security.Role;

/** The events user-service publishes on {@code events.users}, written through the outbox. */
@Component
public class AccountEvents {

    private final OutboxWriter outbox;

    public AccountEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void registered(User user) {
        outbox.append(Streams.USERS, "UserRegistered", user.id(),
                new UserRegistered(user.id(), user.username(), user.roles().stream().sorted().toList()));
    }

    public void roleEnabled(User user, Role role) {
        outbox.append(Streams.USERS, "RoleEnabled", user.id(), new RoleChanged(user.id(), role));
    }

    public void roleDisabled(User user, Role role) {
        outbox.append(Streams.USERS, "RoleDisabled", user.id(), new RoleChanged(user.id(), role));
    }

    /** {@code by} is the admin, or null when moderation-service decided it. */
    public void suspended(User user, @Nullable UUID by) {
        outbox.append(Streams.USERS, "UserSuspended", user.id(), new Suspension(user.id(), user.suspendedReason(), by));
    }

    public void reinstated(User user, @Nullable UUID by) {
        outbox.append(Streams.USERS, "UserReinstated", user.id(), new Suspension(user.id(), null, by));
    }

    public void mentorProfileUpdated(UUID userId, Object profile) {
        outbox.append(Streams.USERS, "MentorProfileUpdated", userId, profile);
    }

    record UserRegistered(UUID userId, String username, List<Role> roles) {
    }

    record RoleChanged(UUID userId, Role role) {
    }

    record Suspension(UUID userId, @Nullable String reason, @Nullable UUID by) {
    }
}
