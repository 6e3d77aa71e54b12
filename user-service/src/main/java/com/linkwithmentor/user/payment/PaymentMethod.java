package com.linkwithmentor.user.payment;

import java.time.Instant;
import java.util.UUID;

/** A way a user pays or is paid. */
record PaymentMethod(UUID paymentMethodId, UUID userId, String label, PaymentProvider provider, String vpaAddress,
        boolean isPrimary, boolean isActive, Instant createdAt, Instant updatedAt) {
}
