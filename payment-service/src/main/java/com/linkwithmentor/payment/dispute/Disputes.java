package com.linkwithmentor.payment.dispute;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.payment.ledger.AccountKind;
import com.linkwithmentor.payment.ledger.Ledger;
import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.payment.settlement.Copies;
import com.linkwithmentor.payment.settlement.Escrow;
import com.linkwithmentor.payment.settlement.Refunds;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;

/**
 * Disputes: a mentee contests a completed session while its release is still pending (the
 * dispute window, {@code LWM_PAYMENT_DISPUTE_WINDOW}); the mentor's earning is frozen until an
 * admin decides: refund (all of it back to the mentee, the fee too), partial (a given amount back,
 * the fee shared in proportion, the rest to the mentor), or release (all to the mentor).
 */
@Service
class Disputes {

    private final JdbcClient jdbc;

    private final Copies copies;

    private final Escrow escrow;

    private final Refunds refunds;

    private final Ledger ledger;

    private final Transactions transactions;

    private final Clock clock;

    Disputes(JdbcClient jdbc, Copies copies, Escrow escrow, Refunds refunds, Ledger ledger, Transactions transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.escrow = escrow;
        this.refunds = refunds;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Dispute(UUID disputeId, UUID sessionId, UUID menteeId, UUID mentorId, String reason, String status,
            @Nullable String decision, @Nullable Money refund, @Nullable String decisionNote, Instant createdAt,
            @Nullable Instant decidedAt) {
    }

    private record Earning(UUID earningId, UUID mentorId, long grossMinor, long feeMinor, long netMinor, String currency,
            String status, Instant availableAt) {
    }

    @Transactional
    public Dispute open(UUID menteeId, UUID sessionId, String reason) {
        Copies.SessionCopy session = copies.session(sessionId).filter(copy -> copy.menteeId().equals(menteeId))
            .orElseThrow(() -> ApiException.notFound("Session " + sessionId));
        if (!session.status().equals("completed")) {
            throw ApiException.conflict("Only a completed session can be disputed; this one is " + session.status());
        }
        Earning earning = earning(sessionId, true)
            .orElseThrow(() -> ApiException.conflict("This session's payment has no release to dispute"));
        if (!earning.status().equals("pending") || !earning.availableAt().isAfter(clock.instant())) {
            throw new ApiException(ErrorCode.CONFLICT, "The dispute window for this session has passed",
                    Map.of("window_ended_at", earning.availableAt().toString()));
        }
        UUID disputeId = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO disputes (dispute_id, session_id, earning_id, mentee_id, mentor_id, reason, status, currency)
                    VALUES (?, ?, ?, ?, ?, ?, 'open', ?)
                    """).params(disputeId, sessionId, earning.earningId(), menteeId, earning.mentorId(), reason, earning.currency())
                .update();
        }
        catch (DuplicateKeyException ex) {
            throw ApiException.conflict("This session is already disputed");
        }
        jdbc.sql("UPDATE earnings SET status = 'frozen' WHERE earning_id = ? AND status = 'pending'").param(earning.earningId())
            .update();
        return find(disputeId).orElseThrow();
    }

    @Transactional
    public Dispute decide(UUID disputeId, UUID adminId, String decision, @Nullable BigDecimal refundAmount, @Nullable String note) {
        Dispute dispute = jdbc.sql("SELECT dispute_id FROM disputes WHERE dispute_id = ? FOR UPDATE").param(disputeId)
            .query(UUID.class).optional().flatMap(this::find)
            .orElseThrow(() -> ApiException.notFound("Dispute " + disputeId));
        if (!dispute.status().equals("open")) {
            throw ApiException.conflict("Dispute " + disputeId + " is decided already");
        }
        Earning earning = earning(dispute.sessionId(), true).orElseThrow();
        long refund = switch (decision) {
            case "release" -> 0;
            case "refund" -> earning.grossMinor();
            case "partial" -> {
                if (refundAmount == null) {
                    throw ApiException.badRequest("refund_amount", "A partial refund names its refund_amount");
                }
                long minor;
                try {
                    minor = new Money(refundAmount, earning.currency()).minor();
                }
                catch (ArithmeticException ex) {
                    throw ApiException.badRequest("refund_amount", "Too many decimals for " + earning.currency());
                }
                if (minor <= 0 || minor >= earning.grossMinor()) {
                    throw ApiException.badRequest("refund_amount", "A partial refund is more than zero and less than "
                            + Money.decimal(earning.grossMinor(), earning.currency()));
                }
                yield minor;
            }
            default -> throw ApiException.badRequest("decision", "decision must be refund, partial or release");
        };
        if (refund == 0) {
            escrow.makeAvailable(earning.earningId(), "frozen");
        }
        else {
            UUID paymentTxId = jdbc.sql("SELECT payment_tx_id FROM holds WHERE subject_id = ?").param(dispute.sessionId())
                .query(UUID.class).single();
            Tx payment = transactions.find(paymentTxId).orElseThrow();
            long feeShare = BigDecimal.valueOf(earning.feeMinor()).multiply(BigDecimal.valueOf(refund))
                .divide(BigDecimal.valueOf(earning.grossMinor()), 0, RoundingMode.HALF_UP).longValueExact();
            long mentorShare = refund - feeShare;
            long remaining = earning.netMinor() - mentorShare;
            UUID refundTx = refunds.start(payment, refund, null, null);
            ledger.entry("dispute_refund", refundTx)
                .debit(ledger.mentor(AccountKind.MENTOR_PENDING, earning.mentorId(), earning.currency()), earning.netMinor())
                .debit(ledger.platform(AccountKind.PLATFORM_REVENUE, "fees", earning.currency()), feeShare)
                .credit(refunds.inFlight(payment), refund)
                .credit(ledger.mentor(AccountKind.MENTOR_AVAILABLE, earning.mentorId(), earning.currency()), remaining)
                .post();
            jdbc.sql("UPDATE earnings SET status = ?, settled_at = now() WHERE earning_id = ?")
                .params(remaining == 0 ? "refunded" : "split", earning.earningId()).update();
        }
        jdbc.sql("""
                UPDATE disputes SET status = 'decided', decision = ?, refund_minor = ?, decided_by = ?, decision_note = ?,
                    decided_at = ? WHERE dispute_id = ?
                """).params(decision, refund, adminId, note, Timestamp.from(clock.instant()), disputeId).update();
        return find(disputeId).orElseThrow();
    }

    Optional<Dispute> find(UUID disputeId) {
        return jdbc.sql("SELECT * FROM disputes WHERE dispute_id = ?").param(disputeId).query(Disputes::map).optional();
    }

    List<Dispute> list(@Nullable UUID party, @Nullable String status, int limit) {
        return jdbc.sql("""
                SELECT * FROM disputes WHERE (CAST(:party AS uuid) IS NULL OR mentee_id = :party OR mentor_id = :party)
                AND (CAST(:status AS text) IS NULL OR status = :status) ORDER BY created_at DESC LIMIT :limit
                """).param("party", party).param("status", status).param("limit", limit).query(Disputes::map).list();
    }

    private Optional<Earning> earning(UUID sessionId, boolean lock) {
        return jdbc.sql("SELECT * FROM earnings WHERE subject_id = ? AND source = 'session' ORDER BY created_at LIMIT 1"
                + (lock ? " FOR UPDATE" : ""))
            .param(sessionId)
            .query((rs, n) -> new Earning(rs.getObject("earning_id", UUID.class), rs.getObject("mentor_id", UUID.class),
                    rs.getLong("gross_minor"), rs.getLong("fee_minor"), rs.getLong("net_minor"), rs.getString("currency"),
                    rs.getString("status"), rs.getTimestamp("available_at").toInstant()))
            .optional();
    }

    private static Dispute map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String currency = rs.getString("currency");
        Long refund = (Long) rs.getObject("refund_minor");
        return new Dispute(rs.getObject("dispute_id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getObject("mentee_id", UUID.class), rs.getObject("mentor_id", UUID.class), rs.getString("reason"),
                rs.getString("status"), rs.getString("decision"), refund != null ? Money.ofMinor(refund, currency) : null,
                rs.getString("decision_note"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("decided_at") != null ? rs.getTimestamp("decided_at").toInstant() : null);
    }
}
