package com.linkwithmentor.payment.settlement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.payment.events.PaymentEvents;
import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.provider.PaymentProvider;
import com.linkwithmentor.payment.provider.PaymentProvider.EventKind;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies what providers report (verified webhooks, and the answers to queued commands) to the
 * transactions and the ledger, through transitions that each happen once: a transaction moves
 * only out of {@code pending}/{@code processing}, under its row lock, so a duplicate, late or
 * out-of-order notice changes nothing. A provider's event id is recorded in the same transaction,
 * so an event is applied exactly once even when its webhook comes again.
 */
@Component
public class PaymentStateMachine {

    private static final Logger log = LoggerFactory.getLogger(PaymentStateMachine.class);

    private static final List<TxStatus> OPEN = List.of(TxStatus.PENDING, TxStatus.PROCESSING);

    private final JdbcClient jdbc;

    private final Transactions transactions;

    private final Ledger ledger;

    private final Escrow escrow;

    private final Refunds refunds;

    private final PaymentEvents events;

    private final ObjectProvider<ChargeOutcomes> subscriptions;

    private final JsonMapper json;

    PaymentStateMachine(JdbcClient jdbc, Transactions transactions, Ledger ledger, Escrow escrow, Refunds refunds,
            PaymentEvents events, ObjectProvider<ChargeOutcomes> subscriptions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.escrow = escrow;
        this.refunds = refunds;
        this.events = events;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    /** What became of a webhook: applied, a repeat, nothing to change, or about nothing we know. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, UNMATCHED
    }

    /** Applies a verified webhook once per provider event id. */
    @Transactional
    public Outcome apply(String provider, PaymentProvider.ProviderEvent event) {
        int fresh = jdbc.sql("""
                INSERT INTO webhook_events (provider, event_id, event_type, gateway_ref, outcome) VALUES (?, ?, ?, ?, 'received')
                ON CONFLICT DO NOTHING
                """).params(provider, event.eventId(), event.type(), event.ref()).update();
        if (fresh == 0) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome = transition(provider, event);
        jdbc.sql("UPDATE webhook_events SET outcome = ? WHERE provider = ? AND event_id = ?")
            .params(outcome.name().toLowerCase(java.util.Locale.ROOT), provider, event.eventId()).update();
        return outcome;
    }

    private Outcome transition(String provider, PaymentProvider.ProviderEvent event) {
        if (event.kind() == EventKind.OTHER) {
            return Outcome.IGNORED;
        }
        Optional<Tx> found = locate(provider, event);
        if (found.isEmpty()) {
            log.warn("{} event {} ({}) is about nothing we know (ref {}, reference {})", provider, event.eventId(), event.type(),
                    event.ref(), event.reference());
            return Outcome.UNMATCHED;
        }
        Tx tx = found.get();
        if (event.amountMinor() != null && event.amountMinor() != tx.amountMinor()
                || event.currency() != null && !event.currency().equals(tx.currency())) {
            log.error("{} event {} says {} {} for transaction {} of {} {}; not applied", provider, event.eventId(),
                    event.amountMinor(), event.currency(), tx.txId(), tx.amountMinor(), tx.currency());
            return Outcome.IGNORED;
        }
        if (event.ref() != null && tx.gatewayRef() == null) {
            transactions.sentTo(tx.txId(), event.ref());
        }
        boolean changed = switch (event.kind()) {
            case PAYMENT_SUCCEEDED -> paymentSucceeded(tx, event.providerPaymentId(), event.mandateRef());
            case PAYMENT_FAILED -> paymentFailed(tx, event.failureReason() != null ? event.failureReason() : "payment_failed");
            case REFUND_SUCCEEDED -> refundSucceeded(tx);
            case REFUND_FAILED -> refundFailed(tx, event.failureReason());
            case PAYOUT_SUCCEEDED -> payoutSucceeded(tx);
            case PAYOUT_FAILED -> payoutFailed(tx, event.failureReason() != null ? event.failureReason() : "payout_failed");
            case OTHER -> false;
        };
        return changed ? Outcome.APPLIED : Outcome.IGNORED;
    }

    /** By our reference (the transaction id the provider was given), else by the provider's own reference. */
    private Optional<Tx> locate(String provider, PaymentProvider.ProviderEvent event) {
        if (event.reference() != null) {
            try {
                Optional<Tx> byReference = transactions.lock(UUID.fromString(event.reference()));
                if (byReference.isPresent()) {
                    return byReference;
                }
            }
            catch (IllegalArgumentException ex) {
                // not one of ours
            }
        }
        return event.ref() != null ? transactions.lockByGatewayRef(provider, event.ref()) : Optional.empty();
    }

    /** A queued command's answer: the payment's next step stored, and any outcome it already carries applied. */
    void sent(String provider, UUID txId, ProviderCommands.Sent sent) {
        switch (sent) {
            case ProviderCommands.Opened opened -> {
                PaymentProvider.CreatedPayment payment = opened.payment();
                transactions.opened(txId, payment.gatewayRef(), payment.providerPaymentId(), nextAction(payment));
                if (payment.status() != PaymentProvider.Status.PENDING) {
                    Tx tx = transactions.lock(txId).orElseThrow();
                    if (payment.status() == PaymentProvider.Status.SUCCEEDED) {
                        paymentSucceeded(tx, payment.providerPaymentId(), null);
                    }
                    else {
                        paymentFailed(tx, "payment_failed");
                    }
                }
            }
            case ProviderCommands.Accepted accepted -> {
                transactions.sentTo(txId, accepted.operation().ref());
                if (accepted.operation().status() != PaymentProvider.Status.PENDING) {
                    Tx tx = transactions.lock(txId).orElseThrow();
                    boolean ok = accepted.operation().status() == PaymentProvider.Status.SUCCEEDED;
                    if (tx.type() == TxType.REFUND) {
                        if (ok) {
                            refundSucceeded(tx);
                        }
                        else {
                            refundFailed(tx, accepted.operation().failureReason());
                        }
                    }
                    else if (tx.type() == TxType.PAYOUT) {
                        if (ok) {
                            payoutSucceeded(tx);
                        }
                        else {
                            payoutFailed(tx, accepted.operation().failureReason() != null
                                    ? accepted.operation().failureReason() : "payout_failed");
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The provider refused a command outright: the transaction fails as if it had reported so. */
    void rejected(String provider, UUID txId, String reason) {
        Tx tx = transactions.lock(txId).orElseThrow();
        switch (tx.type()) {
            case PAYMENT, SUBSCRIPTION_CHARGE -> paymentFailed(tx, reason);
            case REFUND -> refundFailed(tx, reason);
            case PAYOUT -> payoutFailed(tx, reason);
            default -> {
            }
        }
    }

    private @Nullable String nextAction(PaymentProvider.CreatedPayment payment) {
        if (payment.upiUri() != null) {
            return json.writeValueAsString(Map.of("type", "upi_intent", "upi_uri", payment.upiUri()));
        }
        if (payment.redirectUrl() != null) {
            return json.writeValueAsString(Map.of("type", "redirect", "url", payment.redirectUrl()));
        }
        return null;
    }

    private boolean paymentSucceeded(Tx tx, @Nullable String providerPaymentId, @Nullable String mandateRef) {
        if (tx.type() != TxType.PAYMENT && tx.type() != TxType.SUBSCRIPTION_CHARGE) {
            return false;
        }
        if (tx.status() == TxStatus.FAILED) {
            lateSuccessAfterFailure(tx, providerPaymentId);
            return true;
        }
        if (!transactions.transition(tx.txId(), OPEN, TxStatus.SUCCEEDED, null)) {
            return false;
        }
        transactions.recordPaymentDetails(tx.txId(), providerPaymentId, mandateRef);
        Tx paid = transactions.find(tx.txId()).orElseThrow();
        switch (paid.purpose()) {
            case "session" -> escrow.holdSession(paid);
            case "course" -> escrow.holdCourse(paid);
            case "subscription" -> {
                subscriptions.ifAvailable(outcomes -> outcomes.succeeded(paid, mandateRef));
                events.paymentSucceeded(PaymentEvents.Purpose.subscription(paid.subscriptionId()), paid.sourceUserId(),
                        paid.txId(), paid.amountMinor(), paid.currency());
            }
            default -> throw new IllegalStateException("A payment for " + paid.purpose());
        }
        return true;
    }

    /**
     * Money arrived for a payment already given up on (the provider said failed, then the payer
     * paid after all): it is recorded and refunded in full, never kept.
     */
    private void lateSuccessAfterFailure(Tx failed, @Nullable String providerPaymentId) {
        String provider = failed.provider() != null ? failed.provider() : "sandbox";
        UUID late = transactions.insert(Tx.draft(failed.type(), failed.purpose(), failed.amountMinor(), failed.currency())
            .status(TxStatus.SUCCEEDED).from(failed.sourceUserId()).to(failed.targetUserId())
            .subscription(failed.subscriptionId()).provider(provider, failed.paymentMethod()).parent(failed.txId()));
        transactions.recordPaymentDetails(late, providerPaymentId != null ? providerPaymentId : failed.providerPaymentId(), null);
        jdbc.sql("UPDATE transactions SET gateway_ref = NULL WHERE tx_id = ?").param(late).update();
        Tx lateTx = transactions.find(late).orElseThrow();
        Tx forRefund = new Tx(lateTx.txId(), lateTx.sourceUserId(), lateTx.targetUserId(), null, null, lateTx.purpose(),
                failed.sessionId(), failed.enrollmentId(), failed.courseId(), lateTx.subscriptionId(), lateTx.amountMinor(),
                lateTx.currency(), lateTx.type(), lateTx.status(), provider, failed.gatewayRef(), lateTx.providerPaymentId(),
                null, lateTx.paymentMethod(), 0, null, null, null, null, lateTx.createdAt(), null);
        UUID refundId = refunds.start(forRefund, failed.amountMinor(), late, null);
        ledger.entry("late_payment_refund", refundId)
            .debit(ledger.platform(AccountKind.PROVIDER_CLEARING, provider, failed.currency()), failed.amountMinor())
            .credit(refunds.inFlight(forRefund), failed.amountMinor()).post();
    }

    private boolean paymentFailed(Tx tx, String reason) {
        if (tx.type() != TxType.PAYMENT && tx.type() != TxType.SUBSCRIPTION_CHARGE
                || !transactions.transition(tx.txId(), OPEN, TxStatus.FAILED, reason)) {
            return false;
        }
        switch (tx.purpose()) {
            case "session" -> events.paymentFailed(PaymentEvents.Purpose.session(tx.sessionId()), tx.txId(), reason);
            case "course" -> events.paymentFailed(PaymentEvents.Purpose.course(tx.enrollmentId(), tx.courseId()), tx.txId(), reason);
            case "subscription" -> {
                events.paymentFailed(PaymentEvents.Purpose.subscription(tx.subscriptionId()), tx.txId(), reason);
                subscriptions.ifAvailable(outcomes -> outcomes.failed(tx, reason));
            }
            default -> {
            }
        }
        return true;
    }

    private boolean refundSucceeded(Tx refund) {
        if (refund.type() != TxType.REFUND || !transactions.transition(refund.txId(), OPEN, TxStatus.SUCCEEDED, null)) {
            return false;
        }
        String provider = refund.provider() != null ? refund.provider() : "sandbox";
        ledger.entry("refund_settled", refund.txId())
            .debit(ledger.platform(AccountKind.REFUNDS_IN_FLIGHT, provider, refund.currency()), refund.amountMinor())
            .credit(ledger.platform(AccountKind.PROVIDER_CLEARING, provider, refund.currency()), refund.amountMinor())
            .post();
        PaymentEvents.Purpose purpose = switch (refund.purpose()) {
            case "course" -> PaymentEvents.Purpose.course(refund.enrollmentId(), refund.courseId());
            case "subscription" -> PaymentEvents.Purpose.subscription(refund.subscriptionId());
            default -> refund.sessionId() != null ? PaymentEvents.Purpose.session(refund.sessionId())
                    : PaymentEvents.Purpose.subscription(refund.subscriptionId() != null ? refund.subscriptionId() : refund.txId());
        };
        events.refundIssued(purpose, refund.txId(), refund.amountMinor(), refund.currency());
        return true;
    }

    /** The money stays in flight (it is the payer's); a new attempt is queued with back-off. */
    private boolean refundFailed(Tx refund, @Nullable String reason) {
        if (refund.type() != TxType.REFUND
                || !transactions.transition(refund.txId(), OPEN, TxStatus.FAILED, reason != null ? reason : "refund_failed")) {
            return false;
        }
        refunds.retry(transactions.find(refund.txId()).orElseThrow());
        return true;
    }

    private boolean payoutSucceeded(Tx payout) {
        if (payout.type() != TxType.PAYOUT || !transactions.transition(payout.txId(), OPEN, TxStatus.SUCCEEDED, null)) {
            return false;
        }
        String provider = payout.provider() != null ? payout.provider() : "sandbox";
        UUID mentorId = payout.targetUserId();
        ledger.entry("payout_settled", payout.txId())
            .debit(ledger.mentor(AccountKind.PAYOUTS_IN_FLIGHT, mentorId, payout.currency()), payout.amountMinor())
            .credit(ledger.platform(AccountKind.PROVIDER_CLEARING, provider, payout.currency()), payout.amountMinor())
            .post();
        events.payoutSent(payout.txId(), mentorId, payout.amountMinor(), payout.currency());
        return true;
    }

    /** A failed payout returns the money to the mentor's available balance. */
    private boolean payoutFailed(Tx payout, String reason) {
        if (payout.type() != TxType.PAYOUT || !transactions.transition(payout.txId(), OPEN, TxStatus.FAILED, reason)) {
            return false;
        }
        UUID mentorId = payout.targetUserId();
        ledger.entry("payout_returned", payout.txId())
            .debit(ledger.mentor(AccountKind.PAYOUTS_IN_FLIGHT, mentorId, payout.currency()), payout.amountMinor())
            .credit(ledger.mentor(AccountKind.MENTOR_AVAILABLE, mentorId, payout.currency()), payout.amountMinor())
            .post();
        events.payoutFailed(payout.txId(), mentorId, payout.amountMinor(), payout.currency(), reason);
        return true;
    }
}
