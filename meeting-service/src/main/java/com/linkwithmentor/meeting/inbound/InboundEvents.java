package com.linkwithmentor.meeting.inbound;

import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.meeting.mentor.MentorDirectory;
import com.linkwithmentor.meeting.session.SessionLifecycle;

import tools.jackson.databind.JsonNode;

/** The four subscriptions and what each event type does here. */
@Configuration(proxyBeanMethods = false)
class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final MentorDirectory directory;

    private final SessionLifecycle sessions;

    InboundEvents(MentorDirectory directory, SessionLifecycle sessions) {
        this.directory = directory;
        this.sessions = sessions;
    }

    @Bean
    StreamSubscription usersEvents() {
        return new StreamSubscription(Streams.USERS, this::onUserEvent);
    }

    @Bean
    StreamSubscription moderationEvents() {
        return new StreamSubscription(Streams.MODERATION, this::onModerationEvent);
    }

    @Bean
    StreamSubscription paymentEvents() {
        return new StreamSubscription(Streams.PAYMENTS, this::onPaymentEvent);
    }

    @Bean
    StreamSubscription signalingEvents() {
        return new StreamSubscription(Streams.SIGNALING, this::onSignalingEvent);
    }

    /** UserRegistered, RoleEnabled/Disabled, MentorProfileUpdated, UserSuspended/Reinstated. */
    void onUserEvent(EventEnvelope event) {
        JsonNode payload = event.payload();
        UUID user = Payloads.uuid(payload, "user_id").orElse(null);
        if (user == null) {
            return;
        }
        switch (event.type()) {
            case "UserRegistered" -> {
                boolean mentor = false;
                for (JsonNode role : payload.path("roles")) {
                    mentor |= role.isString() && "mentor".equalsIgnoreCase(role.asString());
                }
                directory.registered(user, mentor);
            }
            case "RoleEnabled", "RoleDisabled" -> {
                if ("mentor".equals(lower(Payloads.text(payload, "role")))) {
                    directory.mentorRole(user, event.type().equals("RoleEnabled"));
                }
            }
            case "MentorProfileUpdated" -> directory.mentorProfile(user, Payloads.decimal(payload, "hourly_rate"),
                    Payloads.text(payload, "currency"), payload.path("is_accepting_mentees").asBoolean(false));
            case "UserSuspended" -> suspend(user);
            case "UserReinstated" -> directory.suspended(user, false);
            default -> {
            }
        }
    }

    /** UserSuspended (the rest of moderation's events do not concern sessions). */
    void onModerationEvent(EventEnvelope event) {
        if ("UserSuspended".equals(event.type())) {
            Payloads.uuid(event.payload(), "user_id").ifPresent(this::suspend);
        }
        else if ("UserReinstated".equals(event.type())) {
            Payloads.uuid(event.payload(), "user_id").ifPresent(user -> directory.suspended(user, false));
        }
    }

    /** EscrowHeld schedules the session; PaymentFailed (for a session) ends its hold. */
    void onPaymentEvent(EventEnvelope event) {
        JsonNode payload = event.payload();
        switch (event.type()) {
            case "EscrowHeld" -> Payloads.uuid(payload, "session_id").ifPresent(sessions::paymentHeld);
            case "PaymentFailed" -> {
                String purpose = lower(Payloads.text(payload, "purpose"));
                if (purpose == null || purpose.equals("session")) {
                    Payloads.uuid(payload, "session_id").ifPresent(sessions::paymentFailed);
                }
            }
            default -> {
            }
        }
    }

    /** CallStarted with a session id starts that session (when it is due) and notes who joined. */
    void onSignalingEvent(EventEnvelope event) {
        if (!"CallStarted".equals(event.type())) {
            return;
        }
        JsonNode payload = event.payload();
        Payloads.uuid(payload, "session_id").ifPresent(session -> sessions.callStarted(session,
                Payloads.uuids(payload, "participant_ids"), Payloads.instant(payload, "started_at")));
    }

    private void suspend(UUID user) {
        directory.suspended(user, true);
        int cancelled = sessions.userSuspended(user);
        log.debug("Suspension of {} cancelled {} sessions", user, cancelled);
    }

    private static @org.jspecify.annotations.Nullable String lower(@org.jspecify.annotations.Nullable String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
