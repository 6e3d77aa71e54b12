package com.linkwithmentor.lecture.enrollment;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.lecture.enrollment.EnrollmentViews.EnrollmentView;

/**
 * Enrolling (active role MENTEE), reading one's enrollment, cancelling it (with a refund when the
 * rule allows), and the read payment-service makes with its own token ({@code lectures:read-courses}).
 */
@RestController
class EnrollmentController {

    private final EnrollmentService service;

    private final EnrollmentRepository enrollments;

    EnrollmentController(EnrollmentService service, EnrollmentRepository enrollments) {
        this.service = service;
        this.enrollments = enrollments;
    }

    /**
     * Free: enrolled now (201). Paid: {@code pending_payment} (201) with {@code next_action} naming
     * the checkout call. Enrolling again while an enrollment is live returns it (200), so a
     * client's retry is harmless with or without an {@code Idempotency-Key}.
     */
    @PostMapping("/api/v1/courses/{course_id}/enroll")
    ResponseEntity<EnrollmentView> enroll(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTEE);
        EnrollmentService.Enrolled result = service.enroll(courseId, caller.id());
        EnrollmentView view = EnrollmentView.of(result.enrollment());
        if (!result.created()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/v1/courses/" + courseId + "/enrollments/"
                + result.enrollment().enrollmentId())).body(view);
    }

    /** The caller's current enrollment in the course (the latest, if none is live). */
    @GetMapping("/api/v1/courses/{course_id}/enrollment")
    EnrollmentView mine(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        return enrollments.history(courseId, caller.id()).stream().findFirst().map(EnrollmentView::of)
            .orElseThrow(() -> ApiException.notFound("Enrollment"));
    }

    /** For payment-service (service token, scope lectures:read-courses) and for the enrollment's mentee or mentor. */
    @GetMapping("/api/v1/courses/{course_id}/enrollments/{enrollment_id}")
    @RequireScope(value = "lectures:read-courses", users = true)
    EnrollmentView read(@PathVariable("course_id") UUID courseId, @PathVariable("enrollment_id") UUID enrollmentId,
            Caller caller) {
        Enrollment enrollment = enrollments.findById(enrollmentId).filter(e -> e.courseId().equals(courseId))
            .orElseThrow(() -> ApiException.notFound("Enrollment"));
        if (caller instanceof CurrentUser user && !user.is(enrollment.menteeId()) && !user.is(enrollment.mentorId())
                && !user.isAdmin()) {
            throw ApiException.notFound("Enrollment");
        }
        return EnrollmentView.of(enrollment);
    }

    /** Cancels: a pending enrollment ends; a paid one is refunded in full within the rule, refused (422) outside it. */
    @PostMapping("/api/v1/courses/{course_id}/enrollments/{enrollment_id}/cancel")
    EnrollmentView cancel(@PathVariable("course_id") UUID courseId, @PathVariable("enrollment_id") UUID enrollmentId,
            CurrentUser caller) {
        return EnrollmentView.of(service.cancel(courseId, enrollmentId, caller.id()));
    }
}
