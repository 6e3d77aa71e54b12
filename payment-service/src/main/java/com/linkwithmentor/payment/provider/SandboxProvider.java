package com.linkwithmentor.payment.provider;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment sandbox (module payment-sandbox, {@code LWM_PAYMENT_SANDBOX_URL}): the default
 * provider under {@code ./fleet up} and in tests. Its webhooks carry {@code X-Sandbox-Signature:
 * t=...,v1=...}, an HMAC-SHA256 of {@code "t.body"}, checked with a timestamp tolerance.
 */
public class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";

    private final RestClient http;

    private final ProviderSettings.Sandbox settings;

    private final JsonMapper json;

    private final Clock clock;

    SandboxProvider(RestClient.Builder builder, ProviderSettings.Sandbox settings, JsonMapper json, Clock clock) {
        this.http = ProviderHttp.client(builder, settings.url(), settings.connectTimeout(), settings.timeout());
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CreatedPayment createPayment(PaymentOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", order.reference().toString());
        body.put("amount_minor", order.amountMinor());
        body.put("currency", order.currency());
        body.put("method", order.method().name().toLowerCase(Locale.ROOT));
        body.put("notify_url", order.notifyUrl().toString());
        body.put("setup_mandate", order.setupMandate());
        JsonNode created = post("/v1/payments", body);
        return new CreatedPayment(created.path("gateway_ref").asString(), status(created), text(created, "upi_uri"),
                text(created, "checkout_url"), null);
    }

    @Override
    public CreatedPayment chargeMandate(MandateCharge charge) {
        JsonNode created = post("/v1/mandates/" + charge.mandateRef() + "/charges", Map.of("reference", charge.reference().toString(),
                "amount_minor", charge.amountMinor(), "currency", charge.currency(), "notify_url", charge.notifyUrl().toString()));
        return new CreatedPayment(created.path("gateway_ref").asString(), status(created), null, null, null);
    }

    @Override
    public ProviderOperation refund(RefundOrder order) {
        JsonNode refund = post("/v1/refunds", Map.of("reference", order.reference().toString(), "payment_ref", order.paymentRef(),
                "amount_minor", order.amountMinor(), "notify_url", order.notifyUrl().toString()));
        return new ProviderOperation(refund.path("gateway_ref").asString(), status(refund), text(refund, "failure_reason"));
    }

    @Override
    public ProviderOperation payout(PayoutOrder order) {
        JsonNode payout = post("/v1/payouts", Map.of("reference", order.reference().toString(), "amount_minor", order.amountMinor(),
                "currency", order.currency(), "vpa", order.destination(), "notify_url", order.notifyUrl().toString()));
        return new ProviderOperation(payout.path("gateway_ref").asString(), status(payout), text(payout, "failure_reason"));
    }

    @Override
    public ProviderEvent verifyWebhook(Map<String, String> headers, byte[] body) throws WebhookRejectedException {
        Signatures.verifyTimestamped(settings.webhookSecret(), body, headers.get("x-sandbox-signature"),
                settings.signatureTolerance(), clock);
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (RuntimeException ex) {
            throw new WebhookRejectedException("The webhook body is not JSON");
        }
        String type = event.path("type").asString("");
        JsonNode data = event.path("data");
        EventKind kind = switch (type) {
            case "payment.succeeded" -> EventKind.PAYMENT_SUCCEEDED;
            case "payment.failed" -> EventKind.PAYMENT_FAILED;
            case "refund.succeeded" -> EventKind.REFUND_SUCCEEDED;
            case "refund.failed" -> EventKind.REFUND_FAILED;
            case "payout.succeeded" -> EventKind.PAYOUT_SUCCEEDED;
            case "payout.failed" -> EventKind.PAYOUT_FAILED;
            default -> EventKind.OTHER;
        };
        String eventId = event.path("id").asString("");
        if (eventId.isBlank()) {
            throw new WebhookRejectedException("The webhook has no event id");
        }
        return new ProviderEvent(eventId, kind, type, text(data, "gateway_ref"), text(data, "reference"),
                data.path("amount_minor").isNumber() ? data.path("amount_minor").asLong() : null, text(data, "currency"),
                text(data, "mandate_ref"), null, text(data, "failure_reason"));
    }

    @Override
    public ProviderOperation fetchPayment(String gatewayRef) {
        JsonNode payment = ProviderHttp.call(NAME, () -> http.get().uri("/v1/payments/{ref}", gatewayRef)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey()).retrieve().body(JsonNode.class));
        return new ProviderOperation(gatewayRef, status(payment), text(payment, "failure_reason"));
    }

    @Override
    public List<SettlementLine> settlementReport(LocalDate day) {
        JsonNode report = ProviderHttp.call(NAME, () -> http.get().uri("/v1/settlements?date={day}", day.toString())
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey()).retrieve().body(JsonNode.class));
        List<SettlementLine> lines = new ArrayList<>();
        for (JsonNode item : report.path("items")) {
            LineType type = switch (item.path("type").asString("")) {
                case "refund" -> LineType.REFUND;
                case "payout" -> LineType.PAYOUT;
                default -> LineType.PAYMENT;
            };
            lines.add(new SettlementLine(item.path("gateway_ref").asString(), text(item, "reference"), type,
                    item.path("amount_minor").asLong(), item.path("currency").asString()));
        }
        return lines;
    }

    private JsonNode post(String path, Map<String, Object> body) {
        return ProviderHttp.call(NAME, () -> http.post().uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey())
            .body(body).retrieve().body(JsonNode.class));
    }

    private static Status status(JsonNode node) {
        return switch (node.path("status").asString("pending")) {
            case "succeeded" -> Status.SUCCEEDED;
            case "failed" -> Status.FAILED;
            default -> Status.PENDING;
        };
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
