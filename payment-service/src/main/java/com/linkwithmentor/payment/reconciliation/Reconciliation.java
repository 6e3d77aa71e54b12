package com.linkwithmentor.payment.reconciliation;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.payment.provider.PaymentProvider;
import com.linkwithmentor.payment.provider.Providers;

/**
 * The daily reconciliation: the provider's settlement report for a day against the transactions
 * this ledger says settled that day through that provider. Every difference (a line with no
 * transaction, a transaction with no line, a different amount) is recorded for an admin.
 */
@Service
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final JdbcClient jdbc;

    private final Providers providers;

    private final Clock clock;

    Reconciliation(JdbcClient jdbc, Providers providers, Clock clock) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.clock = clock;
    }

    record Run(UUID runId, String provider, LocalDate reportDate, int lines, int matched, int mismatches) {
    }

    private record Settled(UUID txId, String type, long amountMinor, String currency, @Nullable String gatewayRef,
            @Nullable String providerPaymentId) {
    }

    @Scheduled(cron = "${lwm.payments.reconciliation.schedule:0 0 4 * * *}", zone = "UTC")
    void yesterday() {
        try {
            run(providers.primary(), LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
        }
        catch (RuntimeException ex) {
            log.warn("Reconciliation could not run: {}", ex.toString());
        }
    }

    @Transactional
    Run run(String provider, LocalDate day) {
        List<PaymentProvider.SettlementLine> lines = providers.call(provider, p -> p.settlementReport(day));
        List<Settled> settled = jdbc.sql("""
                SELECT tx_id, transaction_type, amount_minor, currency, gateway_ref, provider_payment_id FROM transactions
                WHERE provider = ? AND status = 'succeeded' AND transaction_type IN ('payment', 'subscription_charge', 'refund', 'payout')
                AND completed_at >= ? AND completed_at < ?
                """).params(provider, java.sql.Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
            .query((rs, n) -> new Settled(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), rs.getString(6)))
            .list();
        Map<String, Settled> byRef = new HashMap<>();
        for (Settled tx : settled) {
            if (tx.gatewayRef() != null) {
                byRef.put(tx.gatewayRef(), tx);
            }
            if (tx.providerPaymentId() != null) {
                byRef.put(tx.providerPaymentId(), tx);
            }
            byRef.put(tx.txId().toString(), tx);
        }
        UUID runId = UUID.randomUUID();
        Set<UUID> seen = new HashSet<>();
        int matched = 0;
        int mismatches = 0;
        record Mismatch(String kind, @Nullable String ref, @Nullable UUID txId, @Nullable Long ledger, @Nullable Long provider,
                @Nullable String currency) {
        }
        List<Mismatch> found = new java.util.ArrayList<>();
        for (PaymentProvider.SettlementLine line : lines) {
            Settled tx = byRef.get(line.gatewayRef());
            if (tx == null && line.reference() != null) {
                tx = byRef.get(line.reference());
            }
            if (tx == null) {
                found.add(new Mismatch("missing_in_ledger", line.gatewayRef(), null, null, line.amountMinor(), line.currency()));
                continue;
            }
            seen.add(tx.txId());
            if (tx.amountMinor() != line.amountMinor() || !tx.currency().equals(line.currency())) {
                found.add(new Mismatch("amount_mismatch", line.gatewayRef(), tx.txId(), tx.amountMinor(), line.amountMinor(),
                        line.currency()));
            }
            else {
                matched++;
            }
        }
        for (Settled tx : settled) {
            if (!seen.contains(tx.txId())) {
                found.add(new Mismatch("missing_at_provider", tx.gatewayRef(), tx.txId(), tx.amountMinor(), null, tx.currency()));
            }
        }
        mismatches = found.size();
        jdbc.sql("INSERT INTO reconciliation_runs (run_id, provider, report_date, lines, matched, mismatches) VALUES (?, ?, ?, ?, ?, ?)")
            .params(runId, provider, Date.valueOf(day), lines.size(), matched, mismatches).update();
        for (Mismatch mismatch : found) {
            jdbc.sql("""
                    INSERT INTO reconciliation_mismatches (mismatch_id, run_id, provider, report_date, kind, gateway_ref, tx_id,
                        ledger_amount_minor, provider_amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(UUID.randomUUID(), runId, provider, Date.valueOf(day), mismatch.kind(), mismatch.ref(),
                            mismatch.txId(), mismatch.ledger(), mismatch.provider(), mismatch.currency())
                .update();
        }
        if (mismatches > 0) {
            log.warn("Reconciliation of {} for {}: {} mismatches of {} lines", provider, day, mismatches, lines.size());
        }
        return new Run(runId, provider, day, lines.size(), matched, mismatches);
    }
}
