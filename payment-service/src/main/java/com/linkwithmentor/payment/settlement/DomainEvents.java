package com.linkwithmentor.payment.settlement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.payment.ledger.Money;

import tools.jackson.databind.JsonNode;

/**
 * What payment-service hears from meeting-service ({@code events.meetings}) and lecture-service
 * ({@code events.lectures}), one subscription per stream, routed by type inside: bookings and
 * enrollments are copied (their prices are what checkout charges), and a session's or
 * enrollment's end resolves its escrow: completed → released, cancelled → refunded by the
 * percentage the event carries and the rest released, a mentor's no-show → refunded in full,
 * expired (after a late payment) → refunded. Unknown types and fields are ignored.
 */
@Configuration(proxyBeanMethods = false)
class DomainEvents {

    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);

    private final Copies copies;

    private final Escrow escrow;

    private final Clock clock;

    DomainEvents(Copies copies, Escrow escrow, Clock clock) {
        this.copies = copies;
        this.escrow = escrow;
        this.clock = clock;
    }

    @Bean
    StreamSubscription meetingEvents() {
        return new StreamSubscription(Streams.MEETINGS, this::onMeeting);
    }

    @Bean
    StreamSubscription lectureEvents() {
        return new StreamSubscription(Streams.LECTURES, this::onLecture);
    }

    void onMeeting(EventEnvelope event) {
        JsonNode p = event.payload();
        UUID sessionId = uuid(p, "session_id");
        if (sessionId == null) {
            return;
        }
        switch (event.type()) {
            case "SessionBooked", "SessionProposed" -> {
                UUID mentor = uuid(p, "mentor_id");
                UUID mentee = uuid(p, "mentee_id");
                JsonNode price = p.path("price");
                if (mentor == null || mentee == null || !price.path("currency").isString()) {
                    return;
                }
                String currency = price.path("currency").asString();
                long minor;
                try {
                    minor = new Money(new BigDecimal(price.path("amount").asString(price.path("amount").asString("0"))), currency)
                        .minor();
                }
                catch (RuntimeException ex) {
                    log.warn("{} {} carries a price that is not money: {}", event.type(), sessionId, price);
                    return;
                }
                String status = p.path("status").asString(event.type().equals("SessionProposed") ? "proposed" : "pending_payment");
                copies.saveSession(sessionId, mentor, mentee, minor, currency, status, instant(p, "hold_expires_at"));
            }
            case "SessionConfirmed" -> copies.sessionStatus(sessionId, "scheduled", null);
            case "SessionStarted" -> copies.sessionStatus(sessionId, "in_progress", null);
            case "SessionCompleted" -> {
                Instant end = instant(p, "actual_end");
                Instant at = end != null && !end.isAfter(clock.instant()) ? end : clock.instant();
                copies.sessionStatus(sessionId, "completed", at);
                escrow.release(sessionId, at);
            }
            case "SessionCancelled" -> {
                copies.sessionStatus(sessionId, "cancelled", null);
                int percent = Math.max(0, Math.min(100, p.path("refund_percent").asInt(100)));
                escrow.refund(sessionId, percent * 100, "cancelled");
            }
            case "SessionNoShow" -> {
                copies.sessionStatus(sessionId, "no_show", null);
                if ("mentor".equals(p.path("no_show_party").asString(""))) {
                    escrow.refund(sessionId, 10_000, "mentor_no_show");
                }
                else {
                    escrow.release(sessionId, clock.instant());
                }
            }
            case "SessionExpired" -> {
                copies.sessionStatus(sessionId, "expired", null);
                escrow.refund(sessionId, 10_000, "expired");
            }
            case "SessionDeclined" -> {
                copies.sessionStatus(sessionId, "declined", null);
                escrow.refund(sessionId, 10_000, "declined");
            }
            default -> {
            }
        }
    }

    void onLecture(EventEnvelope event) {
        JsonNode p = event.payload();
        UUID enrollmentId = uuid(p, "enrollment_id");
        if (enrollmentId == null) {
            return;
        }
        switch (event.type()) {
            case "EnrollmentRequested" -> {
                UUID course = uuid(p, "course_id");
                UUID mentee = uuid(p, "mentee_id");
                UUID mentor = uuid(p, "mentor_id");
                JsonNode price = p.path("price");
                if (course == null || mentee == null || mentor == null || !price.path("currency").isString()) {
                    return;
                }
                try {
                    long minor = new Money(new BigDecimal(price.path("amount").asString("0")), price.path("currency").asString())
                        .minor();
                    copies.saveEnrollment(enrollmentId, course, mentee, mentor, minor, price.path("currency").asString(),
                            "pending_payment");
                }
                catch (RuntimeException ex) {
                    log.warn("EnrollmentRequested {} carries a price that is not money: {}", enrollmentId, price);
                }
            }
            case "EnrollmentCancelled" -> {
                copies.enrollmentStatus(enrollmentId, "cancelled");
                int percent = Math.max(0, Math.min(100, p.path("refund_percent").asInt(100)));
                escrow.refund(enrollmentId, percent * 100, "enrollment_cancelled");
            }
            default -> {
            }
        }
    }

    private static @Nullable UUID uuid(JsonNode node, String field) {
        try {
            return node.path(field).isString() ? UUID.fromString(node.path(field).asString()) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        try {
            return node.path(field).isString() ? Instant.parse(node.path(field).asString()) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
