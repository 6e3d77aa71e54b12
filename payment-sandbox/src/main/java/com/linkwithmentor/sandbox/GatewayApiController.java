package com.linkwithmentor.sandbox;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway API a merchant integrates with ({@code Authorization: Bearer <api key>}): create a
 * payment (UPI intent or hosted card page, optionally setting up a mandate), charge a mandate,
 * refund, pay out to a VPA, look one up, and the daily settlement report. Every create is
 * idempotent on the merchant's {@code reference}.
 */
@RestController
@RequestMapping("/v1")
class GatewayApiController {

    private final SandboxGateway gateway;

    GatewayApiController(SandboxGateway gateway) {
        this.gateway = gateway;
    }

    record PaymentRequest(@NotBlank @Size(max = 64) String reference, @Positive @Max(100_000_000_000L) long amountMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency, @Pattern(regexp = "upi|card") @Nullable String method,
            @Nullable URI notifyUrl, @Nullable Boolean setupMandate) {
    }

    record MandateChargeRequest(@NotBlank @Size(max = 64) String reference, @Positive @Max(100_000_000_000L) long amountMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency, @Nullable URI notifyUrl) {
    }

    record RefundRequest(@NotBlank @Size(max = 64) String reference, @NotBlank @Size(max = 64) String paymentRef,
            @Positive @Max(100_000_000_000L) long amountMinor, @Nullable URI notifyUrl) {
    }

    record PayoutRequest(@NotBlank @Size(max = 64) String reference, @Positive @Max(100_000_000_000L) long amountMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency, @NotBlank @Size(max = 255) String vpa, @Nullable URI notifyUrl) {
    }

    @PostMapping("/payments")
    Map<String, Object> createPayment(@Valid @RequestBody PaymentRequest request) {
        return gateway.view(gateway.createPayment(request.reference(), request.amountMinor(), request.currency(),
                request.method() != null ? request.method() : "upi", request.notifyUrl(),
                Boolean.TRUE.equals(request.setupMandate())));
    }

    @GetMapping("/payments/{ref}")
    Map<String, Object> payment(@PathVariable String ref) {
        return gateway.view(found(ref));
    }

    @PostMapping("/mandates/{mandate_ref}/charges")
    Map<String, Object> chargeMandate(@PathVariable("mandate_ref") String mandateRef,
            @Valid @RequestBody MandateChargeRequest request) {
        return gateway.view(gateway.chargeMandate(mandateRef, request.reference(), request.amountMinor(), request.currency(),
                request.notifyUrl()));
    }

    @PostMapping("/refunds")
    Map<String, Object> refund(@Valid @RequestBody RefundRequest request) {
        return gateway.view(gateway.refund(request.paymentRef(), request.reference(), request.amountMinor(), request.notifyUrl()));
    }

    @GetMapping("/refunds/{ref}")
    Map<String, Object> refundStatus(@PathVariable String ref) {
        return gateway.view(found(ref));
    }

    @PostMapping("/payouts")
    Map<String, Object> payout(@Valid @RequestBody PayoutRequest request) {
        return gateway.view(gateway.payout(request.reference(), request.amountMinor(), request.currency(), request.vpa(),
                request.notifyUrl()));
    }

    @GetMapping("/payouts/{ref}")
    Map<String, Object> payoutStatus(@PathVariable String ref) {
        return gateway.view(found(ref));
    }

    @GetMapping("/settlements")
    Map<String, Object> settlements(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        List<Map<String, Object>> items = gateway.settlementReport(date);
        return Map.of("date", date.toString(), "count", items.size(), "items", items);
    }

    private Operation found(String ref) {
        return gateway.find(ref).orElseThrow(() -> new SandboxException(404, "NOT_FOUND", "No such operation " + ref));
    }
}
