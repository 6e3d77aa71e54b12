package com.linkwithmentor.payment.transaction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transactions table: written beside the ledger entries it describes, read by the lists. A
 * status change names the status it expects to leave, so a repeated or late notice changes nothing.
 */
@Component
public class Transactions {

    private final JdbcClient jdbc;

    Transactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(Tx.Draft draft) {
        jdbc.sql("""
                INSERT INTO transactions (tx_id, source_user_id, target_user_id, target_payment_method_id, purpose, session_id,
                    enrollment_id, course_id, subscription_id, amount_minor, currency, transaction_type, status, provider,
                    payment_method, gateway_ref, service_fee_minor, fee_bps, parent_tx_id, completed_at)
                VALUES (:id, :source, :target, :targetMethod, :purpose, :session, :enrollment, :course, :subscription, :amount,
                    :currency, :type, :status, :provider, :method, :gatewayRef, :fee, :feeBps, :parent,
                    CASE WHEN :completed THEN now() END)
                """)
            .param("id", draft.txId).param("source", draft.source).param("target", draft.target)
            .param("targetMethod", draft.targetMethod).param("purpose", draft.purpose).param("session", draft.sessionId)
            .param("enrollment", draft.enrollmentId).param("course", draft.courseId).param("subscription", draft.subscriptionId)
            .param("amount", draft.amountMinor).param("currency", draft.currency).param("type", draft.type.wireName())
            .param("status", draft.status.wireName()).param("provider", draft.provider).param("method", draft.paymentMethod)
            .param("gatewayRef", draft.gatewayRef).param("fee", draft.feeMinor).param("feeBps", draft.feeBps)
            .param("parent", draft.parent).param("completed", draft.completed)
            .update();
        return draft.txId;
    }

    public Optional<Tx> find(UUID txId) {
        return jdbc.sql("SELECT * FROM transactions WHERE tx_id = ?").param(txId).query(Transactions::map).optional();
    }

    /** Reads and locks the row: the state machine's transitions serialise on it. */
    public Optional<Tx> lock(UUID txId) {
        return jdbc.sql("SELECT * FROM transactions WHERE tx_id = ? FOR UPDATE").param(txId).query(Transactions::map).optional();
    }

    public Optional<Tx> lockByGatewayRef(String provider, String gatewayRef) {
        return jdbc.sql("SELECT * FROM transactions WHERE provider = ? AND gateway_ref = ? FOR UPDATE")
            .params(provider, gatewayRef).query(Transactions::map).optional();
    }

    /** The live (not failed) payment of a session or enrollment, if one was started. */
    public Optional<Tx> livePayment(String purpose, UUID subjectId) {
        String column = purpose.equals("session") ? "session_id" : "enrollment_id";
        return jdbc.sql("SELECT * FROM transactions WHERE transaction_type = 'payment' AND purpose = ? AND " + column
                + " = ? AND status IN ('pending', 'processing', 'succeeded')")
            .params(purpose, subjectId).query(Transactions::map).optional();
    }

    public List<Tx> bySubscription(UUID subscriptionId) {
        return jdbc.sql("SELECT * FROM transactions WHERE subscription_id = ? ORDER BY created_at DESC")
            .param(subscriptionId).query(Transactions::map).list();
    }

    /** Provider accepted the payment: its reference, what the payer does next; processing becomes pending. */
    public void opened(UUID txId, String gatewayRef, @Nullable String providerPaymentId, @Nullable String nextActionJson) {
        jdbc.sql("""
                UPDATE transactions SET gateway_ref = :ref, provider_payment_id = coalesce(:paymentId, provider_payment_id),
                    next_action = CAST(:next AS jsonb), status = CASE WHEN status = 'processing' THEN 'pending' ELSE status END
                WHERE tx_id = :id
                """).param("ref", gatewayRef).param("paymentId", providerPaymentId).param("next", nextActionJson).param("id", txId)
            .update();
    }

    public void sentTo(UUID txId, String gatewayRef) {
        jdbc.sql("UPDATE transactions SET gateway_ref = ?, status = CASE WHEN status = 'processing' THEN 'pending' ELSE status END "
                + "WHERE tx_id = ?").params(gatewayRef, txId).update();
    }

    /** Moves a transaction from one of {@code from} to {@code to}; false when it was not in one of them. */
    public boolean transition(UUID txId, List<TxStatus> from, TxStatus to, @Nullable String failureReason) {
        return jdbc.sql("""
                UPDATE transactions SET status = :to, failure_reason = coalesce(:reason, failure_reason),
                    completed_at = CASE WHEN :terminal THEN now() ELSE completed_at END
                WHERE tx_id = :id AND status IN (:from)
                """)
            .param("to", to.wireName()).param("reason", failureReason).param("terminal", to.terminal()).param("id", txId)
            .param("from", from.stream().map(TxStatus::wireName).toList())
            .update() == 1;
    }

    public void recordPaymentDetails(UUID txId, @Nullable String providerPaymentId, @Nullable String mandateRef) {
        jdbc.sql("""
                UPDATE transactions SET provider_payment_id = coalesce(:paymentId, provider_payment_id),
                    mandate_ref = coalesce(:mandate, mandate_ref) WHERE tx_id = :id
                """).param("paymentId", providerPaymentId).param("mandate", mandateRef).param("id", txId).update();
    }

    static Tx map(ResultSet rs, int row) throws SQLException {
        return new Tx(rs.getObject("tx_id", UUID.class), rs.getObject("source_user_id", UUID.class),
                rs.getObject("target_user_id", UUID.class), rs.getObject("source_payment_method_id", UUID.class),
                rs.getObject("target_payment_method_id", UUID.class), rs.getString("purpose"),
                rs.getObject("session_id", UUID.class), rs.getObject("enrollment_id", UUID.class),
                rs.getObject("course_id", UUID.class), rs.getObject("subscription_id", UUID.class), rs.getLong("amount_minor"),
                rs.getString("currency"), TxType.fromWire(rs.getString("transaction_type")),
                TxStatus.fromWire(rs.getString("status")), rs.getString("provider"), rs.getString("gateway_ref"),
                rs.getString("provider_payment_id"), rs.getString("mandate_ref"), rs.getString("payment_method"),
                rs.getLong("service_fee_minor"), (Integer) rs.getObject("fee_bps"), rs.getObject("parent_tx_id", UUID.class),
                rs.getString("failure_reason"), rs.getString("next_action"), instant(rs.getTimestamp("created_at")),
                rs.getTimestamp("completed_at") != null ? instant(rs.getTimestamp("completed_at")) : null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
