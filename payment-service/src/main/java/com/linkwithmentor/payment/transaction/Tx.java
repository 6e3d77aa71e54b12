package com.linkwithmentor.payment.transaction;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the transactions view, as payment-service's code reads it. */
public record Tx(UUID txId, @Nullable UUID sourceUserId, @Nullable UUID targetUserId, @Nullable UUID sourcePaymentMethodId,
        @Nullable UUID targetPaymentMethodId, String purpose, @Nullable UUID sessionId, @Nullable UUID enrollmentId,
        @Nullable UUID courseId, @Nullable UUID subscriptionId, long amountMinor, String currency, TxType type, TxStatus status,
        @Nullable String provider, @Nullable String gatewayRef, @Nullable String providerPaymentId, @Nullable String mandateRef,
        @Nullable String paymentMethod, long serviceFeeMinor, @Nullable Integer feeBps, @Nullable UUID parentTxId,
        @Nullable String failureReason, @Nullable String nextAction, Instant createdAt, @Nullable Instant completedAt) {

    /** A new transaction to record; set what applies and {@link Transactions#insert} it. */
    public static Draft draft(TxType type, String purpose, long amountMinor, String currency) {
        return new Draft(type, purpose, amountMinor, currency);
    }

    public static final class Draft {

        final UUID txId = UUID.randomUUID();

        final TxType type;

        final String purpose;

        final long amountMinor;

        final String currency;

        TxStatus status = TxStatus.PENDING;

        @Nullable UUID source;

        @Nullable UUID target;

        @Nullable UUID targetMethod;

        @Nullable UUID sessionId;

        @Nullable UUID enrollmentId;

        @Nullable UUID courseId;

        @Nullable UUID subscriptionId;

        @Nullable String provider;

        @Nullable String paymentMethod;

        @Nullable String gatewayRef;

        long feeMinor;

        @Nullable Integer feeBps;

        @Nullable UUID parent;

        boolean completed;

        private Draft(TxType type, String purpose, long amountMinor, String currency) {
            this.type = type;
            this.purpose = purpose;
            this.amountMinor = amountMinor;
            this.currency = currency;
        }

        public UUID txId() {
            return txId;
        }

        public Draft status(TxStatus status) {
            this.status = status;
            this.completed = status.terminal();
            return this;
        }

        public Draft from(@Nullable UUID userId) {
            this.source = userId;
            return this;
        }

        public Draft to(@Nullable UUID userId) {
            this.target = userId;
            return this;
        }

        public Draft toMethod(@Nullable UUID paymentMethodId) {
            this.targetMethod = paymentMethodId;
            return this;
        }

        public Draft session(@Nullable UUID sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Draft enrollment(@Nullable UUID enrollmentId, @Nullable UUID courseId) {
            this.enrollmentId = enrollmentId;
            this.courseId = courseId;
            return this;
        }

        public Draft subscription(@Nullable UUID subscriptionId) {
            this.subscriptionId = subscriptionId;
            return this;
        }

        public Draft provider(@Nullable String provider, @Nullable String paymentMethod) {
            this.provider = provider;
            this.paymentMethod = paymentMethod;
            return this;
        }

        public Draft gatewayRef(@Nullable String gatewayRef) {
            this.gatewayRef = gatewayRef;
            return this;
        }

        public Draft fee(long feeMinor, @Nullable Integer feeBps) {
            this.feeMinor = feeMinor;
            this.feeBps = feeBps;
            return this;
        }

        public Draft parent(@Nullable UUID parent) {
            this.parent = parent;
            return this;
        }
    }
}
