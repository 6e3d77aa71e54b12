package com.linkwithmentor.lecture.enrollment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.lecture.course.Money;

/** Enrollments as clients and payment-service read them (CONTRACTS.md). */
final class EnrollmentViews {

    private EnrollmentViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnrollmentView(UUID enrollmentId, UUID courseId, UUID menteeId, UUID mentorId, EnrollmentStatus status,
            @Nullable Money price, @Nullable Integer refundPercent, @Nullable Instant enrolledAt,
            @Nullable Instant cancelledAt, Instant createdAt, @Nullable NextAction nextAction) {

        static EnrollmentView of(Enrollment e) {
            NextAction next = e.status() == EnrollmentStatus.PENDING_PAYMENT ? NextAction.checkout(e) : null;
            return new EnrollmentView(e.enrollmentId(), e.courseId(), e.menteeId(), e.mentorId(), e.status(), e.price(),
                    e.refundPercent(), e.enrolledAt(), e.cancelledAt(), e.createdAt(), next);
        }
    }

    /** What the client does next for a paid course: pay through payment-service's checkout. */
    record NextAction(String type, String method, String path, Map<String, String> body) {

        static NextAction checkout(Enrollment e) {
            return new NextAction("checkout", "POST", "/api/v1/payments/checkout",
                    Map.of("enrollment_id", e.enrollmentId().toString(), "course_id", e.courseId().toString()));
        }
    }
}
