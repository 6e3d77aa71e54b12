package com.linkwithmentor.payment.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.provider.Providers;

/** Admin: run a reconciliation for a day now, and read the mismatches found. */
@RestController
@Validated
class ReconciliationController {

    private final Reconciliation reconciliation;

    private final Providers providers;

    private final JdbcClient jdbc;

    ReconciliationController(Reconciliation reconciliation, Providers providers, JdbcClient jdbc) {
        this.reconciliation = reconciliation;
        this.providers = providers;
        this.jdbc = jdbc;
    }

    record RunRequest(@NotNull LocalDate date, @Nullable String provider) {
    }

    @PostMapping("/api/v1/payments/admin/reconciliation/runs")
    Reconciliation.Run run(@Valid @RequestBody RunRequest request, CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        if (request.date().getYear() < 2000 || request.date().getYear() > 3000) {
            throw ApiException.badRequest("date", "The date is out of range");
        }
        String provider = request.provider() != null ? request.provider() : providers.primary();
        if (providers.find(provider).isEmpty()) {
            throw ApiException.badRequest("provider", "Unknown provider");
        }
        return reconciliation.run(provider, request.date());
    }

    @GetMapping("/api/v1/payments/admin/reconciliation/mismatches")
    List<Map<String, Object>> mismatches(CurrentUser caller, @RequestParam(name = "run_id", required = false) @Nullable UUID runId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        caller.requireActiveRole(Role.ADMIN);
        return jdbc.sql("""
                SELECT mismatch_id, run_id, provider, report_date::text AS report_date, kind, gateway_ref, tx_id,
                    ledger_amount_minor, provider_amount_minor, currency, created_at
                FROM reconciliation_mismatches WHERE (CAST(:run AS uuid) IS NULL OR run_id = :run)
                ORDER BY created_at DESC LIMIT :limit
                """).param("run", runId).param("limit", limit).query().listOfRows();
    }
}
