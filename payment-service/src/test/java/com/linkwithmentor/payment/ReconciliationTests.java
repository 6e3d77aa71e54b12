package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The daily reconciliation against the sandbox's settlement report: what matches is counted,
 * a different amount or a line missing on either side is recorded for an admin.
 */
class ReconciliationTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    @Test
    void aReportThatDiffersFromTheLedgerIsRecordedForAnAdmin() {
        PaymentFleet.User mentee = fleet.mentee();
        UUID matched = fleet.paidSession(fleet.mentor(), mentee, "100.00");
        UUID tampered = fleet.paidSession(fleet.mentor(), mentee, "200.00");
        String tamperedRef = fleet.jdbc.sql("SELECT gateway_ref FROM transactions WHERE session_id = ? AND transaction_type = 'payment'")
            .param(tampered).query(String.class).single();
        fleet.sandbox("PUT", "/control/settlements/" + tamperedRef, Map.of("amount_minor", 19_999));
        PaymentFleet.User admin = fleet.admin();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        api.post("/api/v1/payments/admin/reconciliation/runs", Map.of("date", today), mentee.token()).expectError(403, "FORBIDDEN");
        api.post("/api/v1/payments/admin/reconciliation/runs", Map.of("date", "9999999-01-01"), admin.token())
            .expectError(400, "VALIDATION_ERROR");
        JsonNode run = api.post("/api/v1/payments/admin/reconciliation/runs", Map.of("date", today), admin.token()).expect(200).body();
        assertThat(run.path("matched").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(run.path("mismatches").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode mismatches = api.get("/api/v1/payments/admin/reconciliation/mismatches?run_id=" + run.path("run_id").asString(),
                admin.token()).expect(200).body();
        JsonNode found = null;
        for (JsonNode mismatch : mismatches) {
            if (tamperedRef.equals(mismatch.path("gateway_ref").asString())) {
                found = mismatch;
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.path("kind").asString()).isEqualTo("amount_mismatch");
        assertThat(found.path("ledger_amount_minor").asLong()).isEqualTo(20_000);
        assertThat(found.path("provider_amount_minor").asLong()).isEqualTo(19_999);
        String matchedRef = fleet.jdbc.sql("SELECT gateway_ref FROM transactions WHERE session_id = ? AND transaction_type = 'payment'")
            .param(matched).query(String.class).single();
        assertThat(mismatches.findValuesAsString("gateway_ref")).doesNotContain(matchedRef);
    }
}
