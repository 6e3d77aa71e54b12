/**
 * Enrollment in a course (Spring Data JPA; the entity owns its transitions): a free course enrolls
 * at once; a paid one waits in {@code pending_payment} for payment-service's {@code PaymentSucceeded}
 * (purpose {@code course}) on {@code events.payments}, the price always the course's own. A refund
 * is granted within a window while less than a set share is watched ({@code EnrollmentCancelled}).
 * Also who may watch a lecture ({@link com.linkwithmentor.lecture.enrollment.WatchAccess}).
 */
@NullMarked
package com.linkwithmentor.lecture.enrollment;

import org.jspecify.annotations.NullMarked;
