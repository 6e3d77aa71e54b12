package com.linkwithmentor.payment.checkout;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.idempotency.Idempotency;

/**
 * {@code POST /api/v1/payments/checkout}: a mentee pays for exactly one of a session, a course
 * enrollment or a subscription; the answer says what the client does next (a UPI intent and its QR
 * code, or a hosted checkout URL for cards). Takes {@code Idempotency-Key}.
 */
@RestController
class CheckoutController {

    private final CheckoutService checkout;

    private final Idempotency idempotency;

    CheckoutController(CheckoutService checkout, Idempotency idempotency) {
        this.checkout = checkout;
        this.idempotency = idempotency;
    }

    record CheckoutRequest(@Nullable UUID sessionId, @Nullable UUID enrollmentId, @Nullable UUID courseId,
            @Nullable UUID subscriptionId,
            @Pattern(regexp = "upi|card", message = "must be upi or card") @Nullable String method) {

        @AssertTrue(message = "give exactly one of session_id, enrollment_id or subscription_id")
        boolean isExactlyOneSubject() {
            int given = (sessionId != null ? 1 : 0) + (enrollmentId != null ? 1 : 0) + (subscriptionId != null ? 1 : 0);
            return given == 1 && (courseId == null || enrollmentId != null);
        }
    }

    @PostMapping("/api/v1/payments/checkout")
    ResponseEntity<String> checkout(@Valid @RequestBody CheckoutRequest request, CurrentUser caller,
            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        caller.requireActiveRole(Role.MENTEE);
        String method = request.method() != null ? request.method() : "upi";
        return idempotency.run(caller.id().toString(), key, "POST", "/api/v1/payments/checkout", request, () -> {
            CheckoutService.Checkout result = request.sessionId() != null
                    ? checkout.forSession(caller.id(), request.sessionId(), method)
                    : request.enrollmentId() != null
                            ? checkout.forEnrollment(caller.id(), request.enrollmentId(), request.courseId(), method)
                            : checkout.forSubscription(caller.id(), request.subscriptionId(), method);
            return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
        });
    }
}
