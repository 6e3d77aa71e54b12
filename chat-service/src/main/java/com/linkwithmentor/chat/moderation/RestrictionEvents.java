package com.linkwithmentor.chat.moderation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.chat.room.CloseCodes;
import com.linkwithmentor.chat.room.ControlEvent;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;

/**
 * Keeps the local restriction table in step with moderation-service ({@code events.moderation}) and
 * user-service ({@code events.users}), and hands moderators' decisions on messages to the message
 * feature ({@link ContentReviewed}). Only one instance handles each event (one consumer group),
 * so the order to close the user's sockets goes out on Pub/Sub to every instance, after commit.
 */
@Configuration(proxyBeanMethods = false)
class RestrictionEvents {

    private static final Logger log = LoggerFactory.getLogger(RestrictionEvents.class);

    private static final String FROM_MODERATION = "moderation";

    private static final String FROM_USERS = "users";

    private final SenderRestrictions restrictions;

    private final RoomPublisher rooms;

    private final ApplicationEventPublisher reviews;

    RestrictionEvents(SenderRestrictions restrictions, RoomPublisher rooms, ApplicationEventPublisher reviews) {
        this.restrictions = restrictions;
        this.rooms = rooms;
        this.reviews = reviews;
    }

    @Bean
    StreamSubscription moderationDecisions() {
        return new StreamSubscription(Streams.MODERATION, event -> {
            UUID userId = userId(event);
            if (userId == null) {
                return;
            }
            String reason = text(event, "reason");
            switch (event.type()) {
                case "UserMuted" -> {
                    Instant until = instant(event, "until");
                    if (until != null && until.isBefore(Instant.now())) {
                        return;
                    }
                    restrictions.restrict(userId, FROM_MODERATION, SenderRestrictions.MUTED, reason, until);
                    rooms.toUser(userId, ControlEvent.close(CloseCodes.MUTED,
                            "You are muted" + (until != null ? " until " + until : "")));
                }
                case "UserSuspended" -> suspend(userId, FROM_MODERATION, reason);
                case "UserReinstated" -> restrictions.lift(userId, FROM_MODERATION);
                case "ContentFlagged", "ContentCleared" -> review(event);
                default -> {
                    // UserWarned and others change nothing about sending.
                }
            }
        });
    }

    @Bean
    StreamSubscription accountChanges() {
        return new StreamSubscription(Streams.USERS, event -> {
            if (!event.type().equals("UserSuspended") && !event.type().equals("UserReinstated")) {
                return;
            }
            UUID userId = userId(event);
            if (userId == null) {
                return;
            }
            if (event.type().equals("UserSuspended")) {
                suspend(userId, FROM_USERS, text(event, "reason"));
            }
            else {
                restrictions.lift(userId, FROM_USERS);
            }
        });
    }

    /** A moderator's decision on one of chat's messages: flagged, blocked, or cleared (shown again). */
    private void review(EventEnvelope event) {
        if (!"message".equals(text(event, "content_type"))) {
            return;
        }
        log.debug("{} {} for message {}", event.type(), event.eventId(), text(event, "content_id"));
        UUID messageId;
        try {
            messageId = UUID.fromString(String.valueOf(text(event, "content_id")));
        }
        catch (IllegalArgumentException ex) {
            log.warn("{} {} names no message id; ignored", event.type(), event.eventId());
            return;
        }
        List<String> categories = new ArrayList<>();
        event.payload().path("categories").forEach(category -> categories.add(category.asString()));
        ModerationStatus status = event.type().equals("ContentCleared") ? ModerationStatus.APPROVED
                : "block".equals(text(event, "action")) ? ModerationStatus.BLOCKED : ModerationStatus.FLAGGED;
        reviews.publishEvent(new ContentReviewed(messageId, status,
                event.type().equals("ContentCleared") ? List.of() : categories));
    }

    private void suspend(UUID userId, String source, @Nullable String reason) {
        restrictions.restrict(userId, source, SenderRestrictions.SUSPENDED, reason, null);
        rooms.toUser(userId, ControlEvent.close(CloseCodes.SUSPENDED,
                "Your account is suspended" + (reason != null ? ": " + reason : "")));
    }

    private static @Nullable UUID userId(EventEnvelope event) {
        String value = text(event, "user_id");
        if (value == null && event.subjectId() != null) {
            value = event.subjectId();
        }
        try {
            return value != null ? UUID.fromString(value) : null;
        }
        catch (IllegalArgumentException ex) {
            log.warn("{} {} names no valid user_id; ignored", event.type(), event.eventId());
            return null;
        }
    }

    private static @Nullable String text(EventEnvelope event, String field) {
        return event.payload().path(field).isString() ? event.payload().path(field).asString() : null;
    }

    private static @Nullable Instant instant(EventEnvelope event, String field) {
        String value = text(event, field);
        try {
            return value != null ? Instant.parse(value) : null;
        }
        catch (DateTimeParseException ex) {
            log.warn("{} {} has an unreadable {} '{}'; treated as indefinite", event.type(), event.eventId(), field, value);
            return null;
        }
    }
}
