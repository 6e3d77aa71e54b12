package com.linkwithmentor.payment.settlement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.payment.PaymentProperties;
import com.linkwithmentor.payment.events.PaymentEvents;
import com.linkwithmentor.payment.ledger.Account;
import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

/**
 * Escrow, in the ledger: a captured session (or course) payment moves provider clearing → the
 * subject's escrow account; it then resolves exactly once (the holds table and the database say
 * so): released to the mentor minus the service fee snapshotted at checkout, refunded to the
 * mentee, or split by a refund percentage. A session's release lands in the mentor's pending
 * balance and becomes available once the dispute window passes; a cancellation's share and a
 * course's release (after its refund window) are available at once.
 */
@Component
public class Escrow {

    private static final Logger log = LoggerFactory.getLogger(Escrow.class);

    private final JdbcClient jdbc;

    private final Ledger ledger;

    private final Transactions transactions;

    private final Refunds refunds;

    private final PaymentEvents events;

    private final Copies copies;

    private final PaymentProperties properties;

    private final TransactionTemplate inTransaction;

    private final Clock clock;

    Escrow(JdbcClient jdbc, Ledger ledger, Transactions transactions, Refunds refunds, PaymentEvents events, Copies copies,
            PaymentProperties properties, TransactionTemplate inTransaction, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transactions = transactions;
        this.refunds = refunds;
        this.events = events;
        this.copies = copies;
        this.properties = properties;
        this.inTransaction = inTransaction;
        this.clock = clock;
    }

    /** A held escrow, as the holds table keeps it. */
    public record Hold(UUID holdId, String purpose, UUID subjectId, @Nullable UUID courseId, UUID paymentTxId, UUID payerId,
            UUID mentorId, long accountId, long amountMinor, String currency, int feeBps, String status) {
    }

    /** The captured payment of a session: held, then resolved at once if the session is already over. */
    void holdSession(Tx payment) {
        UUID sessionId = payment.sessionId();
        Copies.SessionCopy session = copies.lockSession(sessionId).orElseThrow(
                () -> new IllegalStateException("No copy of session " + sessionId + " for payment " + payment.txId()));
        if (!hold(payment, "session", sessionId, null, session.mentorId())) {
            return;
        }
        events.paymentSucceeded(PaymentEvents.Purpose.session(sessionId), payment.sourceUserId(), payment.txId(),
                payment.amountMinor(), payment.currency());
        switch (session.status()) {
            case "cancelled", "expired", "declined" -> refund(sessionId, 10_000, "late_payment");
            case "no_show" -> refund(sessionId, 10_000, "late_payment");
            case "completed" -> {
                events.escrowHeld(sessionId, payment.txId(), payment.amountMinor(), payment.currency(), payment.gatewayRef());
                release(sessionId, session.completedAt() != null ? session.completedAt() : clock.instant());
            }
            default -> events.escrowHeld(sessionId, payment.txId(), payment.amountMinor(), payment.currency(), payment.gatewayRef());
        }
    }

    void holdCourse(Tx payment) {
        UUID enrollmentId = payment.enrollmentId();
        Copies.EnrollmentCopy enrollment = copies.lockEnrollment(enrollmentId).orElseThrow(
                () -> new IllegalStateException("No copy of enrollment " + enrollmentId + " for payment " + payment.txId()));
        if (!hold(payment, "course", enrollmentId, enrollment.courseId(), enrollment.mentorId())) {
            return;
        }
        jdbc.sql("UPDATE holds SET release_after = ? WHERE subject_id = ?")
            .params(Timestamp.from(clock.instant().plus(properties.courseRefundWindow())), enrollmentId).update();
        events.paymentSucceeded(PaymentEvents.Purpose.course(enrollmentId, enrollment.courseId()), payment.sourceUserId(),
                payment.txId(), payment.amountMinor(), payment.currency());
        if (enrollment.status().equals("cancelled")) {
            refund(enrollmentId, 10_000, "late_payment");
        }
    }

    /** Clearing → escrow and the hold row; false when the subject was held already (a second payment is refunded). */
    private boolean hold(Tx payment, String purpose, UUID subjectId, @Nullable UUID courseId, UUID mentorId) {
        String provider = payment.provider() != null ? payment.provider() : "sandbox";
        Account clearing = ledger.platform(AccountKind.PROVIDER_CLEARING, provider, payment.currency());
        Account escrow = ledger.escrow(subjectId, mentorId, payment.currency());
        int inserted = jdbc.sql("""
                INSERT INTO holds (hold_id, purpose, subject_id, course_id, payment_tx_id, payer_id, mentor_id, account_id,
                    amount_minor, currency, fee_bps, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'held') ON CONFLICT (subject_id) DO NOTHING
                """).params(UUID.randomUUID(), purpose, subjectId, courseId, payment.txId(), payment.sourceUserId(), mentorId,
                        escrow.id(), payment.amountMinor(), payment.currency(),
                        payment.feeBps() != null ? payment.feeBps() : properties.serviceFeeBps())
            .update();
        if (inserted == 0) {
            log.warn("{} {} was paid twice; refunding payment {}", purpose, subjectId, payment.txId());
            UUID refundId = refunds.start(payment, payment.amountMinor(), null, null);
            ledger.entry("duplicate_payment_refund", refundId).debit(clearing, payment.amountMinor())
                .credit(refunds.inFlight(payment), payment.amountMinor()).post();
            return false;
        }
        UUID holdTx = transactions.insert(Tx.draft(TxType.ESCROW_HOLD, purpose, payment.amountMinor(), payment.currency())
            .status(TxStatus.SUCCEEDED).from(payment.sourceUserId()).to(mentorId).session(payment.sessionId())
            .enrollment(payment.enrollmentId(), payment.courseId()).provider(provider, payment.paymentMethod())
            .gatewayRef(null).parent(payment.txId()));
        ledger.entry("escrow_hold", holdTx).debit(clearing, payment.amountMinor()).credit(escrow, payment.amountMinor()).post();
        return true;
    }

    public Optional<Hold> held(UUID subjectId) {
        return jdbc.sql("SELECT * FROM holds WHERE subject_id = ? AND status = 'held' FOR UPDATE").param(subjectId)
            .query((rs, n) -> new Hold(rs.getObject("hold_id", UUID.class), rs.getString("purpose"),
                    rs.getObject("subject_id", UUID.class), rs.getObject("course_id", UUID.class),
                    rs.getObject("payment_tx_id", UUID.class), rs.getObject("payer_id", UUID.class),
                    rs.getObject("mentor_id", UUID.class), rs.getLong("account_id"), rs.getLong("amount_minor"),
                    rs.getString("currency"), rs.getInt("fee_bps"), rs.getString("status")))
            .optional();
    }

    /** Releases the whole hold to the mentor, minus the fee. A session's share waits out the dispute window. */
    public void release(UUID subjectId, Instant at) {
        held(subjectId).ifPresent(hold -> resolve(hold, 0, hold.purpose().equals("session")
                ? at.plus(properties.disputeWindow()) : null, "released"));
    }

    /** Refunds {@code refundBps} (basis points of the amount) to the payer; the rest goes to the mentor at once. */
    public void refund(UUID subjectId, int refundBps, String reason) {
        held(subjectId).ifPresent(hold -> {
            long refund = Money.share(hold.amountMinor(), Math.max(0, Math.min(10_000, refundBps)));
            log.debug("Refunding {} of {} for {} ({})", refund, hold.amountMinor(), subjectId, reason);
            resolve(hold, refund, null, refund == hold.amountMinor() ? "refunded" : refund == 0 ? "released" : "split");
        });
    }

    /**
     * One journal entry resolving the hold: escrow out in full; refund in flight; the rest to the
     * mentor (pending until {@code pendingUntil}, or available) minus the fee on it; the fee to revenue.
     */
    private void resolve(Hold hold, long refundMinor, @Nullable Instant pendingUntil, String status) {
        Tx payment = transactions.find(hold.paymentTxId()).orElseThrow();
        long rest = hold.amountMinor() - refundMinor;
        long fee = Money.share(rest, hold.feeBps());
        long net = rest - fee;
        Account escrow = new Account(hold.accountId(), AccountKind.ESCROW, "escrow:" + hold.subjectId(), hold.currency());
        String provider = payment.provider() != null ? payment.provider() : "sandbox";
        UUID releaseTx = null;
        if (rest > 0) {
            releaseTx = transactions.insert(Tx.draft(TxType.ESCROW_RELEASE, hold.purpose(), rest, hold.currency())
                .status(TxStatus.SUCCEEDED).from(hold.payerId()).to(hold.mentorId()).session(payment.sessionId())
                .enrollment(payment.enrollmentId(), payment.courseId()).provider(provider, null).fee(fee, hold.feeBps())
                .parent(payment.txId()));
            if (fee > 0) {
                transactions.insert(Tx.draft(TxType.FEE, hold.purpose(), fee, hold.currency()).status(TxStatus.SUCCEEDED)
                    .from(hold.mentorId()).session(payment.sessionId()).enrollment(payment.enrollmentId(), payment.courseId())
                    .parent(releaseTx));
            }
        }
        UUID refundTx = refundMinor > 0 ? refunds.start(payment, refundMinor, null, null) : null;
        Account mentorAccount = ledger.mentor(pendingUntil != null ? AccountKind.MENTOR_PENDING : AccountKind.MENTOR_AVAILABLE,
                hold.mentorId(), hold.currency());
        Ledger.Entry entry = ledger.entry(refundMinor == 0 ? "escrow_release" : rest == 0 ? "escrow_refund" : "escrow_split",
                releaseTx != null ? releaseTx : refundTx);
        entry.debit(escrow, hold.amountMinor());
        if (refundMinor > 0) {
            entry.credit(refunds.inFlight(payment), refundMinor);
        }
        entry.credit(mentorAccount, net);
        entry.credit(ledger.platform(AccountKind.PLATFORM_REVENUE, "fees", hold.currency()), fee);
        entry.post();
        jdbc.sql("UPDATE holds SET status = ?, resolved_at = now() WHERE hold_id = ? AND status = 'held'")
            .params(status, hold.holdId()).update();
        if (rest > 0) {
            Instant availableAt = pendingUntil != null ? pendingUntil : clock.instant();
            jdbc.sql("""
                    INSERT INTO earnings (earning_id, mentor_id, source, subject_id, tx_id, gross_minor, fee_minor, net_minor,
                        currency, status, available_at, settled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)
                    """).params(UUID.randomUUID(), hold.mentorId(), hold.purpose(), hold.subjectId(), releaseTx, rest, fee, net,
                            hold.currency(), pendingUntil != null ? "pending" : "available", Timestamp.from(availableAt),
                            pendingUntil == null)
                .update();
            if (hold.purpose().equals("session")) {
                events.escrowReleased(hold.subjectId(), hold.mentorId(), net, fee, hold.currency());
            }
        }
    }

    /** A subscription charge: straight to the mentor's pending balance (minus the fee), out of dispute after the window. */
    public void creditSubscription(Tx charge, UUID mentorId) {
        String provider = charge.provider() != null ? charge.provider() : "sandbox";
        int feeBps = charge.feeBps() != null ? charge.feeBps() : properties.serviceFeeBps();
        long fee = Money.share(charge.amountMinor(), feeBps);
        long net = charge.amountMinor() - fee;
        ledger.entry("subscription_charge", charge.txId())
            .debit(ledger.platform(AccountKind.PROVIDER_CLEARING, provider, charge.currency()), charge.amountMinor())
            .credit(ledger.mentor(AccountKind.MENTOR_PENDING, mentorId, charge.currency()), net)
            .credit(ledger.platform(AccountKind.PLATFORM_REVENUE, "fees", charge.currency()), fee)
            .post();
        jdbc.sql("UPDATE transactions SET service_fee_minor = ? WHERE tx_id = ?").params(fee, charge.txId()).update();
        jdbc.sql("""
                INSERT INTO earnings (earning_id, mentor_id, source, subject_id, tx_id, gross_minor, fee_minor, net_minor, currency,
                    status, available_at)
                VALUES (?, ?, 'subscription', ?, ?, ?, ?, ?, ?, 'pending', ?)
                """).params(UUID.randomUUID(), mentorId, charge.subscriptionId(), charge.txId(), charge.amountMinor(), fee, net,
                        charge.currency(), Timestamp.from(clock.instant().plus(properties.disputeWindow())))
            .update();
    }

    /** Pending earnings whose window has passed, undisputed, become available (one entry each). */
    @Scheduled(fixedDelayString = "${lwm.payments.earnings.maturity-interval:30s}", initialDelayString = "PT2S")
    public void matureEarnings() {
        List<UUID> due = jdbc.sql("""
                SELECT earning_id FROM earnings WHERE status = 'pending' AND available_at <= now() ORDER BY available_at LIMIT 500
                """).query(UUID.class).list();
        for (UUID earningId : due) {
            inTransaction.executeWithoutResult(status -> makeAvailable(earningId, "pending"));
        }
        releaseDueCourses();
    }

    /** Moves an earning's net amount pending → available, if it is in {@code from}; false otherwise. */
    public boolean makeAvailable(UUID earningId, String from) {
        record Due(UUID mentorId, long net, String currency) {
        }
        Optional<Due> due = jdbc.sql("""
                UPDATE earnings SET status = 'available', settled_at = now() WHERE earning_id = ? AND status = ?
                RETURNING mentor_id, net_minor, currency
                """).params(earningId, from)
            .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3))).optional();
        due.ifPresent(earning -> ledger.entry("earning_available", null)
            .debit(ledger.mentor(AccountKind.MENTOR_PENDING, earning.mentorId(), earning.currency()), earning.net())
            .credit(ledger.mentor(AccountKind.MENTOR_AVAILABLE, earning.mentorId(), earning.currency()), earning.net())
            .post());
        return due.isPresent();
    }

    private void releaseDueCourses() {
        List<UUID> due = jdbc.sql("""
                SELECT subject_id FROM holds WHERE status = 'held' AND release_after IS NOT NULL AND release_after <= now()
                LIMIT 500
                """).query(UUID.class).list();
        for (UUID subjectId : due) {
            inTransaction.executeWithoutResult(status -> release(subjectId, clock.instant()));
        }
    }
}
