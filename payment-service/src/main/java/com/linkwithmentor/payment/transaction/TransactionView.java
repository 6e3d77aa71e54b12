package com.linkwithmentor.payment.transaction;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.payment.ledger.Money;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A transaction as the API shows it (the seed's Transaction model, amounts as money). */
public record TransactionView(UUID txId, @Nullable UUID sourceUserId, @Nullable UUID targetUserId,
        @Nullable UUID sourcePaymentMethodId, @Nullable UUID targetPaymentMethodId, String purpose, @Nullable UUID sessionId,
        @Nullable UUID enrollmentId, @Nullable UUID courseId, @Nullable UUID subscriptionId, Money amount, String currency,
        TxType transactionType, TxStatus status, @Nullable String gatewayRef, Money serviceFee, @Nullable UUID parentTxId,
        @Nullable String failureReason, @Nullable JsonNode nextAction, Instant createdAt, @Nullable Instant completedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static TransactionView of(Tx tx) {
        return new TransactionView(tx.txId(), tx.sourceUserId(), tx.targetUserId(), tx.sourcePaymentMethodId(),
                tx.targetPaymentMethodId(), tx.purpose(), tx.sessionId(), tx.enrollmentId(), tx.courseId(), tx.subscriptionId(),
                Money.ofMinor(tx.amountMinor(), tx.currency()), tx.currency(), tx.type(), tx.status(), tx.gatewayRef(),
                Money.ofMinor(tx.serviceFeeMinor(), tx.currency()), tx.parentTxId(), tx.failureReason(),
                tx.nextAction() != null && tx.status() == TxStatus.PENDING ? JSON.readTree(tx.nextAction()) : null,
                tx.createdAt(), tx.completedAt());
    }
}
