package com.linkwithmentor.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The gateway's books, in memory: every operation by its gateway reference and by the caller's
 * reference (a repeated create with the same reference returns the first one, as real gateways'
 * idempotency keys do). Settling an operation emits its webhook through {@link WebhookSender}.
 */
@Component
class SandboxGateway {

    private final Map<String, Operation> byRef = new ConcurrentHashMap<>();

    private final Map<String, Operation> byReference = new ConcurrentHashMap<>();

    /** Settlement-report overrides set by the control API: a different amount, or left out. */
    private final Map<String, Long> reportedAmounts = new ConcurrentHashMap<>();

    private final Map<String, Boolean> omitted = new ConcurrentHashMap<>();

    private final ScheduledExecutorService settler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sandbox-settle").daemon().factory());

    private final SandboxProperties properties;

    private final WebhookSender webhooks;

    private final Clock clock;

    private volatile Behaviour behaviour = Behaviour.normal();

    SandboxGateway(SandboxProperties properties, WebhookSender webhooks) {
        this.properties = properties;
        this.webhooks = webhooks;
        this.clock = Clock.systemUTC();
    }

    Behaviour behaviour() {
        return behaviour;
    }

    synchronized Behaviour change(Behaviour.BehaviourChange change) {
        behaviour = behaviour.with(change);
        webhooks.behaviour(behaviour);
        return behaviour;
    }

    synchronized void reset() {
        byRef.clear();
        byReference.clear();
        reportedAmounts.clear();
        omitted.clear();
        behaviour = Behaviour.normal();
        webhooks.reset();
        webhooks.behaviour(behaviour);
    }

    synchronized Operation createPayment(String reference, long amountMinor, String currency, String method,
            @Nullable URI notifyUrl, boolean setupMandate) {
        Operation existing = byReference.get("payment:" + reference);
        if (existing != null) {
            return existing;
        }
        Operation payment = new Operation(Operation.Kind.PAYMENT, "pay_sbx_" + shortId(), reference, amountMinor, currency,
                notifyUrl != null ? notifyUrl : properties.webhookUrl(), clock.instant());
        payment.method = method;
        payment.setupMandate = setupMandate;
        store("payment:" + reference, payment);
        String auto = behaviour.autoPayOutcome();
        if (auto != null) {
            settleLater(payment, auto);
        }
        return payment;
    }

    synchronized Operation chargeMandate(String mandateRef, String reference, long amountMinor, String currency,
            @Nullable URI notifyUrl) {
        Operation existing = byReference.get("payment:" + reference);
        if (existing != null) {
            return existing;
        }
        boolean known = byRef.values().stream().anyMatch(op -> mandateRef.equals(op.mandateRef) && op.status.equals("succeeded"));
        if (!known) {
            throw new SandboxException(404, "NOT_FOUND", "No active mandate " + mandateRef);
        }
        Operation charge = new Operation(Operation.Kind.PAYMENT, "pay_sbx_" + shortId(), reference, amountMinor, currency,
                notifyUrl != null ? notifyUrl : properties.webhookUrl(), clock.instant());
        charge.method = "mandate";
        charge.mandateRef = mandateRef;
        store("payment:" + reference, charge);
        settleLater(charge, behaviour.mandateOutcome());
        return charge;
    }

    synchronized Operation refund(String paymentRef, String reference, long amountMinor, @Nullable URI notifyUrl) {
        Operation existing = byReference.get("refund:" + reference);
        if (existing != null) {
            return existing;
        }
        Operation payment = byRef.get(paymentRef);
        if (payment == null || payment.kind != Operation.Kind.PAYMENT) {
            throw new SandboxException(404, "NOT_FOUND", "No payment " + paymentRef);
        }
        if (!payment.status.equals("succeeded")) {
            throw new SandboxException(400, "BAD_REQUEST", "Payment " + paymentRef + " is " + payment.status + ", not refundable");
        }
        long refunded = byRef.values().stream()
            .filter(op -> op.kind == Operation.Kind.REFUND && paymentRef.equals(op.paymentRef) && !op.status.equals("failed"))
            .mapToLong(op -> op.amountMinor).sum();
        if (refunded + amountMinor > payment.amountMinor) {
            throw new SandboxException(400, "BAD_REQUEST", "Refunds would exceed the payment's amount");
        }
        Operation refund = new Operation(Operation.Kind.REFUND, "rfnd_sbx_" + shortId(), reference, amountMinor,
                payment.currency, notifyUrl != null ? notifyUrl : payment.notifyUrl, clock.instant());
        refund.paymentRef = paymentRef;
        store("refund:" + reference, refund);
        settleLater(refund, behaviour.refundOutcome());
        return refund;
    }

    synchronized Operation payout(String reference, long amountMinor, String currency, String vpa, @Nullable URI notifyUrl) {
        Operation existing = byReference.get("payout:" + reference);
        if (existing != null) {
            return existing;
        }
        Operation payout = new Operation(Operation.Kind.PAYOUT, "pout_sbx_" + shortId(), reference, amountMinor, currency,
                notifyUrl != null ? notifyUrl : properties.webhookUrl(), clock.instant());
        payout.vpa = vpa;
        store("payout:" + reference, payout);
        settleLater(payout, behaviour.payoutOutcome());
        return payout;
    }

    Optional<Operation> find(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    Collection<Operation> all() {
        return byRef.values().stream().sorted(Comparator.comparing((Operation op) -> op.createdAt)).toList();
    }

    /** Settles a pending operation and sends its webhook; a settled one is a 409 (it resolves exactly once). */
    synchronized Operation settle(String ref, String outcome, Operation.@Nullable Kind expected) {
        Operation op = byRef.get(ref);
        if (op == null || (expected != null && op.kind != expected)) {
            throw new SandboxException(404, "NOT_FOUND", "No such operation " + ref);
        }
        if (!op.pending()) {
            throw new SandboxException(409, "ALREADY_SETTLED", ref + " is already " + op.status);
        }
        op.status = outcome;
        op.settledAt = clock.instant();
        if (outcome.equals("failed")) {
            op.failureReason = switch (op.kind) {
                case PAYMENT -> "payer_declined";
                case REFUND -> "refund_rejected";
                case PAYOUT -> "beneficiary_rejected";
            };
        }
        if (op.kind == Operation.Kind.PAYMENT && op.setupMandate && outcome.equals("succeeded")) {
            op.mandateRef = "mdt_sbx_" + shortId();
        }
        webhooks.send(op.eventPrefix() + "." + outcome, view(op), op.notifyUrl);
        return op;
    }

    /** What the gateway settled on a day: the basis of payment-service's reconciliation. */
    List<Map<String, Object>> settlementReport(LocalDate day) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Operation op : all()) {
            if (!"succeeded".equals(op.status) || op.settledAt == null
                    || !op.settledAt.atZone(ZoneOffset.UTC).toLocalDate().equals(day) || omitted.containsKey(op.ref)) {
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("gateway_ref", op.ref);
            line.put("reference", op.reference);
            line.put("type", op.eventPrefix());
            line.put("amount_minor", reportedAmounts.getOrDefault(op.ref, op.amountMinor));
            line.put("currency", op.currency);
            line.put("settled_at", op.settledAt.toString());
            lines.add(line);
        }
        return lines;
    }

    void overrideReport(String ref, @Nullable Long amountMinor, boolean omit) {
        if (!byRef.containsKey(ref)) {
            throw new SandboxException(404, "NOT_FOUND", "No such operation " + ref);
        }
        if (omit) {
            omitted.put(ref, true);
        }
        if (amountMinor != null) {
            reportedAmounts.put(ref, amountMinor);
        }
    }

    Map<String, Object> view(Operation op) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", op.eventPrefix());
        view.put(op.kind == Operation.Kind.PAYMENT ? "gateway_ref" : op.eventPrefix() + "_ref", op.ref);
        view.put("gateway_ref", op.ref);
        view.put("reference", op.reference);
        view.put("amount_minor", op.amountMinor);
        view.put("currency", op.currency);
        view.put("status", op.status);
        view.put("created_at", op.createdAt.toString());
        if (op.settledAt != null) {
            view.put("settled_at", op.settledAt.toString());
        }
        if (op.method != null) {
            view.put("method", op.method);
        }
        if (op.paymentRef != null) {
            view.put("payment_ref", op.paymentRef);
        }
        if (op.mandateRef != null) {
            view.put("mandate_ref", op.mandateRef);
        }
        if (op.failureReason != null) {
            view.put("failure_reason", op.failureReason);
        }
        if (op.kind == Operation.Kind.PAYMENT && op.pending() && !"mandate".equals(op.method)) {
            view.put("upi_uri", upiUri(op));
            view.put("checkout_url", properties.publicUrl() + "/pay/" + op.ref);
        }
        return view;
    }

    /** A UPI intent as NPCI's linking spec writes it: payee VPA and name, amount, transaction ref, currency. */
    String upiUri(Operation op) {
        java.math.BigDecimal amount = java.math.BigDecimal.valueOf(op.amountMinor, 2);
        return "upi://pay?pa=" + encode(properties.merchantVpa()).replace("%40", "@") + "&pn=" + encode(properties.merchantName()) + "&am="
                + amount.toPlainString() + "&tr=" + encode(op.ref) + "&tn=" + encode("LinkWithMentor " + op.reference)
                + "&cu=" + op.currency;
    }

    private void settleLater(Operation op, String outcome) {
        settler.schedule(() -> {
            try {
                if (behaviour.down()) {
                    settleLater(op, outcome);
                    return;
                }
                synchronized (this) {
                    if (op.pending()) {
                        settle(op.ref, outcome, null);
                    }
                }
            }
            catch (RuntimeException ex) {
                // settled meanwhile by hand
            }
        }, properties.settleDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void store(String referenceKey, Operation op) {
        byRef.put(op.ref, op);
        byReference.put(referenceKey, op);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
