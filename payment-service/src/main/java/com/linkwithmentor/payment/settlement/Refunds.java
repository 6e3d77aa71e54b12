package com.linkwithmentor.payment.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

/**
 * Starts a refund of (part of) a payment through the provider it came in by: a refund
 * transaction, and a queued provider command. The caller's journal entry moves the money into
 * "refunds in flight"; the provider's confirmation moves it out (see {@link PaymentStateMachine}).
 */
@Component
public class Refunds {

    static final int MAX_ATTEMPTS = 5;

    private final Transactions transactions;

    private final ProviderCommands commands;

    private final Ledger ledger;

    private final Clock clock;

    Refunds(Transactions transactions, ProviderCommands commands, Ledger ledger, Clock clock) {
        this.transactions = transactions;
        this.commands = commands;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The refunds-in-flight account of the provider the payment came in by. */
    public com.linkwithmentor.payment.ledger.Account inFlight(Tx payment) {
        return ledger.platform(AccountKind.REFUNDS_IN_FLIGHT, provider(payment), payment.currency());
    }

    /** A refund transaction for {@code amountMinor} of the payment, queued to the provider; its id. */
    public UUID start(Tx payment, long amountMinor, @Nullable UUID parent, @Nullable Instant notBefore) {
        Tx.Draft draft = Tx.draft(TxType.REFUND, payment.purpose(), amountMinor, payment.currency())
            .status(TxStatus.PROCESSING)
            .from(payment.targetUserId()).to(payment.sourceUserId())
            .session(payment.sessionId()).enrollment(payment.enrollmentId(), payment.courseId())
            .subscription(payment.subscriptionId())
            .provider(provider(payment), payment.paymentMethod())
            .parent(parent != null ? parent : payment.txId());
        UUID refundId = transactions.insert(draft);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("payment_ref", payment.gatewayRef() != null ? payment.gatewayRef() : "");
        payload.put("provider_payment_id", payment.providerPaymentId());
        payload.put("payment_tx_id", payment.txId().toString());
        commands.enqueue(refundId, CommandKind.REFUND, provider(payment), payload, notBefore, false);
        return refundId;
    }

    /** After a provider refused a refund: try again later with a new attempt, a few times. */
    void retry(Tx failedRefund) {
        Tx payment = original(failedRefund);
        int attempt = 1;
        Tx cursor = failedRefund;
        while (cursor.parentTxId() != null && !cursor.parentTxId().equals(payment.txId())) {
            attempt++;
            cursor = transactions.find(cursor.parentTxId()).orElseThrow();
        }
        if (attempt >= MAX_ATTEMPTS) {
            return;
        }
        start(payment, failedRefund.amountMinor(), failedRefund.txId(), clock.instant().plus(commands.backoff(attempt + 3)));
    }

    private Tx original(Tx refund) {
        Tx cursor = refund;
        while (cursor.type() == TxType.REFUND && cursor.parentTxId() != null) {
            cursor = transactions.find(cursor.parentTxId()).orElseThrow();
        }
        return cursor;
    }

    private static String provider(Tx payment) {
        return payment.provider() != null ? payment.provider() : "sandbox";
    }
}
