package com.linkwithmentor.lecture.enrollment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.lecture.course.Course;
import com.linkwithmentor.lecture.course.CourseRepository;

import tools.jackson.databind.JsonNode;

/**
 * Enrolling, paying and cancelling. The price is the course's at the moment of enrolling and
 * travels in {@code EnrollmentRequested}; payment-service charges that, and this service enrolls on
 * its {@code PaymentSucceeded} only when the amount matches. One live enrollment per mentee and
 * course is a database constraint, so enrolling twice (or concurrently) yields the same one.
 */
@Service
class EnrollmentService {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);

    private final EnrollmentRepository enrollments;

    private final CourseRepository courses;

    private final OutboxWriter outbox;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    private final EnrollmentProperties properties;

    private final Clock clock;

    EnrollmentService(EnrollmentRepository enrollments, CourseRepository courses, OutboxWriter outbox,
            PlatformTransactionManager transactionManager, JdbcClient jdbc, EnrollmentProperties properties, Clock clock) {
        this.enrollments = enrollments;
        this.courses = courses;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    record Enrolled(Enrollment enrollment, boolean created) {
    }

    Enrolled enroll(UUID courseId, UUID menteeId) {
        Course course = courses.findById(courseId).filter(Course::isVisible)
            .orElseThrow(() -> ApiException.notFound("Course"));
        if (course.isOwnedBy(menteeId)) {
            throw ApiException.unprocessable("You cannot enroll in your own course");
        }
        var existing = enrollments.live(courseId, menteeId);
        if (existing.isPresent()) {
            return new Enrolled(existing.get(), false);
        }
        try {
            return transactions.execute(status -> {
                Enrollment enrollment = enrollments.saveAndFlush(Enrollment.request(course, menteeId, clock.instant()));
                if (enrollment.isPaid()) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("enrollment_id", enrollment.enrollmentId().toString());
                    payload.put("course_id", courseId.toString());
                    payload.put("mentee_id", menteeId.toString());
                    payload.put("mentor_id", course.mentorId().toString());
                    payload.put("price", enrollment.price());
                    outbox.append(Streams.LECTURES, "EnrollmentRequested", enrollment.enrollmentId(), payload);
                }
                return new Enrolled(enrollment, true);
            });
        }
        catch (DataIntegrityViolationException ex) {
            // A concurrent request enrolled first: the same enrollment is the answer.
            return new Enrolled(enrollments.live(courseId, menteeId).orElseThrow(() -> ex), false);
        }
    }

    /**
     * Cancels the caller's enrollment: a pending one simply ends; an enrolled paid one is refunded
     * in full within the window while less than the set share is watched, and refused otherwise.
     */
    Enrollment cancel(UUID courseId, UUID enrollmentId, UUID menteeId) {
        return transactions.execute(status -> {
            Enrollment enrollment = enrollments.findById(enrollmentId)
                .filter(e -> e.courseId().equals(courseId) && e.menteeId().equals(menteeId))
                .orElseThrow(() -> ApiException.notFound("Enrollment"));
            if (enrollment.status() == EnrollmentStatus.CANCELLED) {
                throw ApiException.conflict("The enrollment is already cancelled");
            }
            int refund = 0;
            if (enrollment.isEnrolled() && enrollment.isPaid()) {
                Instant now = clock.instant();
                Instant windowEnds = enrollment.enrolledAt().plus(properties.refundWindow());
                int watched = watchedPercent(courseId, menteeId);
                if (now.isAfter(windowEnds)) {
                    throw new ApiException(com.linkwithmentor.common.error.ErrorCode.UNPROCESSABLE,
                            "The refund window closed at " + windowEnds, Map.of("refund_window_ended_at", windowEnds.toString()));
                }
                if (watched >= properties.refundMaxWatchedPercent()) {
                    throw new ApiException(com.linkwithmentor.common.error.ErrorCode.UNPROCESSABLE,
                            "A refund is possible only while less than " + properties.refundMaxWatchedPercent()
                                    + " % of the course is watched; " + watched + " % is",
                            Map.of("watched_percent", watched, "limit_percent", properties.refundMaxWatchedPercent()));
                }
                refund = 100;
            }
            enrollment.cancel(refund, clock.instant());
            enrollments.save(enrollment);
            if (enrollment.isPaid()) {
                cancelled(enrollment, refund);
            }
            return enrollment;
        });
    }

    /** {@code events.payments}: only purpose {@code course} concerns enrollments; everything else is ignored. */
    void onPayment(EventEnvelope event) {
        JsonNode payload = event.payload();
        if (!"course".equals(payload.path("purpose").asString(""))) {
            return;
        }
        UUID enrollmentId;
        try {
            enrollmentId = UUID.fromString(payload.path("enrollment_id").asString(""));
        }
        catch (IllegalArgumentException ex) {
            log.warn("{} {} names no enrollment_id; ignored", event.type(), event.eventId());
            return;
        }
        Enrollment enrollment = enrollments.findById(enrollmentId).orElse(null);
        if (enrollment == null) {
            log.warn("{} {} is for unknown enrollment {}; ignored", event.type(), event.eventId(), enrollmentId);
            return;
        }
        switch (event.type()) {
            case "PaymentSucceeded" -> {
                // Flat ({amount: "500.00", currency}) as CONTRACTS.md writes it, or a nested money object.
                JsonNode money = payload.path("amount").isObject() ? payload.path("amount") : payload;
                BigDecimal amount;
                try {
                    amount = new BigDecimal(money.path("amount").asString(""));
                }
                catch (NumberFormatException ex) {
                    log.warn("PaymentSucceeded {} has no readable amount; ignored", event.eventId());
                    return;
                }
                String currency = money.path("currency").asString("");
                Enrollment.PaymentOutcome outcome = enrollment.paid(payload.path("tx_id").asString(""), amount, currency,
                        clock.instant());
                switch (outcome) {
                    case ENROLLED -> enrollments.save(enrollment);
                    case REFUND_DUE -> {
                        log.info("payment arrived for cancelled enrollment {}: refund due", enrollmentId);
                        cancelled(enrollment, 100);
                    }
                    case MISMATCH -> log.warn("PaymentSucceeded {} paid {} {} for enrollment {} priced {}; not enrolled",
                            event.eventId(), amount, currency, enrollmentId, enrollment.price());
                    case ALREADY_ENROLLED -> { }
                }
            }
            case "PaymentFailed" -> {
                if (enrollment.paymentFailed(clock.instant())) {
                    enrollments.save(enrollment);
                }
            }
            default -> { }
        }
    }

    private void cancelled(Enrollment enrollment, int refundPercent) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("enrollment_id", enrollment.enrollmentId().toString());
        payload.put("course_id", enrollment.courseId().toString());
        payload.put("mentee_id", enrollment.menteeId().toString());
        payload.put("refund_percent", refundPercent);
        outbox.append(Streams.LECTURES, "EnrollmentCancelled", enrollment.enrollmentId(), payload);
    }

    /** How much of the course's ready video the mentee has really watched (merged intervals), in whole percent. */
    int watchedPercent(UUID courseId, UUID menteeId) {
        return jdbc.sql("""
                SELECT COALESCE(FLOOR(100 * LEAST(1, COALESCE(SUM(p.watched_seconds), 0)
                           / NULLIF((SELECT SUM(duration_ms) / 1000.0 FROM lectures
                                     WHERE course_id = :course AND duration_ms IS NOT NULL), 0))), 0)::int
                FROM lecture_progress p WHERE p.course_id = :course AND p.user_id = :user
                """).param("course", courseId).param("user", menteeId).query(Integer.class).single();
    }
}
