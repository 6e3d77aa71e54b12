package com.linkwithmentor.payment.settlement;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.linkwithmentor.payment.provider.PaymentProvider;
import com.linkwithmentor.payment.provider.Providers;

/**
 * A payment whose webhook never came (lost by the provider, or given up on while this service was
 * away): after a while its status is asked of the provider, and a settled answer is applied
 * through the state machine like a webhook would be, once.
 */
@Component
class StalePayments {

    private static final Logger log = LoggerFactory.getLogger(StalePayments.class);

    private final JdbcClient jdbc;

    private final Providers providers;

    private final PaymentStateMachine stateMachine;

    StalePayments(JdbcClient jdbc, Providers providers, PaymentStateMachine stateMachine) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.stateMachine = stateMachine;
    }

    private record Stale(UUID txId, String provider, String gatewayRef) {
    }

    @Scheduled(fixedDelayString = "${lwm.payments.stale-check.interval:60s}", initialDelayString = "PT30S")
    void askAboutStalePayments() {
        List<Stale> stale = jdbc.sql("""
                SELECT tx_id, provider, gateway_ref FROM transactions
                WHERE transaction_type IN ('payment', 'subscription_charge') AND status = 'pending' AND gateway_ref IS NOT NULL
                AND created_at < now() - make_interval(secs => :after) AND created_at > now() - interval '1 day'
                ORDER BY created_at DESC LIMIT 50
                """).param("after", 600)
            .query((rs, n) -> new Stale(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        for (Stale payment : stale) {
            try {
                PaymentProvider.ProviderOperation status = providers.call(payment.provider(), p -> p.fetchPayment(payment.gatewayRef()));
                if (status.status() == PaymentProvider.Status.PENDING) {
                    continue;
                }
                boolean paid = status.status() == PaymentProvider.Status.SUCCEEDED;
                stateMachine.apply(payment.provider(), new PaymentProvider.ProviderEvent(
                        "status-check:" + payment.txId() + ":" + status.status().name().toLowerCase(java.util.Locale.ROOT),
                        paid ? PaymentProvider.EventKind.PAYMENT_SUCCEEDED : PaymentProvider.EventKind.PAYMENT_FAILED,
                        "status_check", payment.gatewayRef(), payment.txId().toString(), null, null, null, null,
                        status.failureReason()));
            }
            catch (RuntimeException ex) {
                log.debug("Could not ask {} about {}: {}", payment.provider(), payment.txId(), ex.toString());
            }
        }
    }
}
