package com.linkwithmentor.payment.dispute;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.idempotency.Idempotency;
import com.linkwithmentor.payment.support.CleanText;

/** Disputes: a mentee opens one; mentee and mentor see theirs; an admin lists and decides. */
@RestController
@Validated
class DisputeController {

    private final Disputes disputes;

    private final Idempotency idempotency;

    DisputeController(Disputes disputes, Idempotency idempotency) {
        this.disputes = disputes;
        this.idempotency = idempotency;
    }

    record DisputeRequest(@NotNull UUID sessionId, @NotBlank @Size(max = 2000) @CleanText String reason) {
    }

    record Decision(@NotNull @Pattern(regexp = "refund|partial|release", message = "must be refund, partial or release") String decision,
            @Positive @Digits(integer = 10, fraction = 3) @Nullable BigDecimal refundAmount,
            @Size(max = 2000) @CleanText @Nullable String note) {
    }

    @PostMapping("/api/v1/payments/disputes")
    ResponseEntity<String> open(@Valid @RequestBody DisputeRequest request, CurrentUser caller,
            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        caller.requireActiveRole(Role.MENTEE);
        return idempotency.run(caller.id().toString(), key, "POST", "/api/v1/payments/disputes", request,
                () -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(disputes.open(caller.id(), request.sessionId(), request.reason().strip())));
    }

    @GetMapping("/api/v1/payments/disputes")
    List<Disputes.Dispute> mine(CurrentUser caller, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return disputes.list(caller.id(), null, limit);
    }

    @GetMapping("/api/v1/payments/disputes/{dispute_id}")
    Disputes.Dispute one(@PathVariable("dispute_id") UUID disputeId, CurrentUser caller) {
        return disputes.find(disputeId)
            .filter(d -> caller.isAdmin() || caller.is(d.menteeId()) || caller.is(d.mentorId()))
            .orElseThrow(() -> ApiException.notFound("Dispute " + disputeId));
    }

    @GetMapping("/api/v1/payments/admin/disputes")
    List<Disputes.Dispute> all(CurrentUser caller,
            @RequestParam(required = false) @Pattern(regexp = "open|decided") @Nullable String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        caller.requireActiveRole(Role.ADMIN);
        return disputes.list(null, status, limit);
    }

    @PostMapping("/api/v1/payments/admin/disputes/{dispute_id}/decision")
    ResponseEntity<String> decide(@PathVariable("dispute_id") UUID disputeId, @Valid @RequestBody Decision request,
            CurrentUser caller, @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        caller.requireActiveRole(Role.ADMIN);
        return idempotency.run(caller.id().toString(), key, "POST", "/api/v1/payments/admin/disputes/" + disputeId + "/decision",
                request, () -> ResponseEntity.ok(disputes.decide(disputeId, caller.id(), request.decision(),
                        request.refundAmount(), request.note())));
    }
}
