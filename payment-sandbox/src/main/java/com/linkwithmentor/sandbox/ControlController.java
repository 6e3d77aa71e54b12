package com.linkwithmentor.sandbox;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API (no key: development and tests only): act as the payer, settle
 * refunds and payouts by hand, change how the sandbox misbehaves, see and resend webhooks, and
 * doctor the settlement report so reconciliation has something to find.
 */
@RestController
@RequestMapping("/control")
class ControlController {

    private final SandboxGateway gateway;

    private final WebhookSender webhooks;

    ControlController(SandboxGateway gateway, WebhookSender webhooks) {
        this.gateway = gateway;
        this.webhooks = webhooks;
    }

    record Outcome(@Pattern(regexp = "succeeded|failed", message = "must be succeeded or failed") String outcome) {
    }

    record ReportOverride(@PositiveOrZero @Nullable Long amountMinor, @Nullable Boolean omit) {
    }

    /** Settles a pending payment as the payer would; the webhook follows asynchronously. */
    @PostMapping("/payments/{gateway_ref}")
    Map<String, Object> settlePayment(@PathVariable("gateway_ref") String ref, @Valid @RequestBody Outcome outcome) {
        return gateway.view(gateway.settle(ref, outcome.outcome(), Operation.Kind.PAYMENT));
    }

    @PostMapping("/refunds/{ref}")
    Map<String, Object> settleRefund(@PathVariable String ref, @Valid @RequestBody Outcome outcome) {
        return gateway.view(gateway.settle(ref, outcome.outcome(), Operation.Kind.REFUND));
    }

    @PostMapping("/payouts/{ref}")
    Map<String, Object> settlePayout(@PathVariable String ref, @Valid @RequestBody Outcome outcome) {
        return gateway.view(gateway.settle(ref, outcome.outcome(), Operation.Kind.PAYOUT));
    }

    @GetMapping("/behaviour")
    Behaviour behaviour() {
        return gateway.behaviour();
    }

    @PutMapping("/behaviour")
    Behaviour changeBehaviour(@Valid @RequestBody Behaviour.BehaviourChange change) {
        return gateway.change(change);
    }

    @PostMapping("/reset")
    Map<String, Object> reset() {
        gateway.reset();
        return Map.of("reset", true);
    }

    @GetMapping("/operations")
    List<Map<String, Object>> operations() {
        return gateway.all().stream().map(gateway::view).toList();
    }

    @GetMapping("/events")
    List<Map<String, Object>> events() {
        return webhooks.deliveries().stream().map(WebhookSender.Delivery::view).toList();
    }

    @PostMapping("/events/{event_id}/redeliver")
    Map<String, Object> redeliver(@PathVariable("event_id") String eventId) {
        if (!webhooks.redeliver(eventId)) {
            throw new SandboxException(404, "NOT_FOUND", "No event " + eventId);
        }
        return Map.of("redelivered", eventId);
    }

    @PutMapping("/settlements/{ref}")
    Map<String, Object> overrideReport(@PathVariable String ref, @Valid @RequestBody ReportOverride override) {
        gateway.overrideReport(ref, override.amountMinor(), Boolean.TRUE.equals(override.omit()));
        return Map.of("gateway_ref", ref);
    }
}
