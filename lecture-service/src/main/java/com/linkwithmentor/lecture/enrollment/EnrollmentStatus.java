package com.linkwithmentor.lecture.enrollment;

import com.linkwithmentor.lecture.course.LowerCaseEnum;

/** {@code pending_payment → enrolled → cancelled}, or {@code pending_payment → cancelled}. */
public enum EnrollmentStatus {
    PENDING_PAYMENT, ENROLLED, CANCELLED;

    static final class Column extends LowerCaseEnum<EnrollmentStatus> {
        Column() {
            super(EnrollmentStatus.class);
        }
    }
}
