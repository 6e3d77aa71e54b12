package com.linkwithmentor.lecture.enrollment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.lecture.course.Course;
import com.linkwithmentor.lecture.course.Money;

/** A mentee's place in a course, at the price the course had when they enrolled. */
@Entity
@Table(name = "enrollments")
public class Enrollment {

    @Id
    private UUID enrollmentId;

    private UUID courseId;

    private UUID menteeId;

    private UUID mentorId;

    @Convert(converter = EnrollmentStatus.Column.class)
    private EnrollmentStatus status;

    private @Nullable BigDecimal priceAmount;

    private @Nullable String currency;

    private @Nullable String paymentTxId;

    private @Nullable Integer refundPercent;

    private @Nullable Instant enrolledAt;

    private @Nullable Instant cancelledAt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Enrollment() {
    }

    /** Enrolled at once in a free course; waiting for payment in a paid one. */
    static Enrollment request(Course course, UUID menteeId, Instant now) {
        Enrollment enrollment = new Enrollment();
        enrollment.enrollmentId = UUID.randomUUID();
        enrollment.courseId = course.courseId();
        enrollment.menteeId = menteeId;
        enrollment.mentorId = course.mentorId();
        enrollment.createdAt = now;
        enrollment.updatedAt = now;
        Money price = course.price();
        if (price == null) {
            enrollment.status = EnrollmentStatus.ENROLLED;
            enrollment.enrolledAt = now;
        }
        else {
            enrollment.status = EnrollmentStatus.PENDING_PAYMENT;
            enrollment.priceAmount = price.value();
            enrollment.currency = price.currency();
        }
        return enrollment;
    }

    enum PaymentOutcome {
        ENROLLED, ALREADY_ENROLLED, REFUND_DUE, MISMATCH
    }

    /**
     * The payment for this enrollment succeeded. Enrolls a pending enrollment when the amount is the
     * price; money arriving for a cancelled one is due back ({@code REFUND_DUE}).
     */
    PaymentOutcome paid(String txId, BigDecimal amount, String paidCurrency, Instant now) {
        if (status == EnrollmentStatus.ENROLLED) {
            return PaymentOutcome.ALREADY_ENROLLED;
        }
        if (status == EnrollmentStatus.CANCELLED) {
            return PaymentOutcome.REFUND_DUE;
        }
        if (priceAmount == null || priceAmount.compareTo(amount) != 0 || !paidCurrency.equals(currency)) {
            return PaymentOutcome.MISMATCH;
        }
        status = EnrollmentStatus.ENROLLED;
        paymentTxId = txId;
        enrolledAt = now;
        updatedAt = now;
        return PaymentOutcome.ENROLLED;
    }

    /** The payment failed: a pending enrollment ends (the mentee may enroll again). */
    boolean paymentFailed(Instant now) {
        if (status != EnrollmentStatus.PENDING_PAYMENT) {
            return false;
        }
        status = EnrollmentStatus.CANCELLED;
        refundPercent = 0;
        cancelledAt = now;
        updatedAt = now;
        return true;
    }

    void cancel(int percent, Instant now) {
        if (status == EnrollmentStatus.CANCELLED) {
            throw ApiException.conflict("The enrollment is already cancelled");
        }
        status = EnrollmentStatus.CANCELLED;
        refundPercent = percent;
        cancelledAt = now;
        updatedAt = now;
    }

    public boolean isEnrolled() {
        return status == EnrollmentStatus.ENROLLED;
    }

    public boolean isPaid() {
        return priceAmount != null;
    }

    public UUID enrollmentId() {
        return enrollmentId;
    }

    public UUID courseId() {
        return courseId;
    }

    public UUID menteeId() {
        return menteeId;
    }

    public UUID mentorId() {
        return mentorId;
    }

    public EnrollmentStatus status() {
        return status;
    }

    public @Nullable Money price() {
        return priceAmount == null || currency == null ? null : Money.of(priceAmount, currency);
    }

    public @Nullable Integer refundPercent() {
        return refundPercent;
    }

    public @Nullable Instant enrolledAt() {
        return enrolledAt;
    }

    public @Nullable Instant cancelledAt() {
        return cancelledAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
