package com.linkwithmentor.payment.provider;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
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
 * Razorpay, as its REST API documents it (HTTP Basic with key id and secret): an order per payment
 * ({@code POST /v1/orders}, our id as {@code receipt} and in {@code notes.reference}); UPI intent
 * through {@code POST /v1/payments/create/upi} with {@code upi.flow = intent}, cards through a
 * payment link ({@code POST /v1/payment_links}); refunds ({@code POST /v1/payments/{id}/refund});
 * recurring charges on a token ({@code POST /v1/payments/create/recurring}); payouts through
 * RazorpayX ({@code POST /v1/payouts}, {@code X-Payout-Idempotency}); the combined settlement
 * recon report. Webhooks: {@code X-Razorpay-Signature} is the hex HMAC-SHA256 of the raw body with
 * the webhook secret; {@code x-razorpay-event-id} is the event id. Switched on by
 * {@code lwm.payments.razorpay.enabled}.
 */
public class RazorpayProvider implements PaymentProvider {

    public static final String NAME = "razorpay";

    private final RestClient http;

    private final ProviderSettings.Razorpay settings;

    private final JsonMapper json;

    RazorpayProvider(RestClient.Builder builder, ProviderSettings.Razorpay settings, JsonMapper json) {
        this.http = ProviderHttp.client(builder, settings.url(), settings.connectTimeout(), settings.timeout());
        this.settings = settings;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CreatedPayment createPayment(PaymentOrder order) {
        if (order.method() == Method.CARD) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("amount", order.amountMinor());
            link.put("currency", order.currency());
            link.put("reference_id", order.reference().toString());
            link.put("description", order.description());
            link.put("notes", Map.of("reference", order.reference().toString()));
            JsonNode created = post("/v1/payment_links", link, null);
            return new CreatedPayment(created.path("id").asString(), Status.PENDING, null, created.path("short_url").asString(), null);
        }
        JsonNode created = createOrder(order.reference().toString(), order.amountMinor(), order.currency());
        String orderId = created.path("id").asString();
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("amount", order.amountMinor());
        payment.put("currency", order.currency());
        payment.put("order_id", orderId);
        payment.put("method", "upi");
        payment.put("upi", Map.of("flow", "intent"));
        payment.put("description", order.description());
        payment.put("notes", Map.of("reference", order.reference().toString()));
        if (order.setupMandate()) {
            payment.put("save", 1);
        }
        JsonNode intent = post("/v1/payments/create/upi", payment, null);
        return new CreatedPayment(orderId, Status.PENDING, text(intent, "link"), null, text(intent, "razorpay_payment_id"));
    }

    @Override
    public CreatedPayment chargeMandate(MandateCharge charge) {
        String[] mandate = charge.mandateRef().split(":", 2);
        if (mandate.length != 2) {
            throw new ProviderRejectedException("A Razorpay mandate is customer_id:token_id, not " + charge.mandateRef());
        }
        String orderId = createOrder(charge.reference().toString(), charge.amountMinor(), charge.currency()).path("id").asString();
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("amount", charge.amountMinor());
        payment.put("currency", charge.currency());
        payment.put("order_id", orderId);
        payment.put("customer_id", mandate[0]);
        payment.put("token", mandate[1]);
        payment.put("recurring", "1");
        payment.put("notes", Map.of("reference", charge.reference().toString()));
        JsonNode created = post("/v1/payments/create/recurring", payment, null);
        return new CreatedPayment(orderId, Status.PENDING, null, null, text(created, "razorpay_payment_id"));
    }

    @Override
    public ProviderOperation refund(RefundOrder order) {
        if (order.providerPaymentId() == null) {
            throw new ProviderRejectedException("A Razorpay refund needs the payment id (pay_...) of the captured payment");
        }
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("amount", order.amountMinor());
        refund.put("speed", "normal");
        refund.put("receipt", order.reference().toString());
        refund.put("notes", Map.of("reference", order.reference().toString()));
        JsonNode created = post("/v1/payments/" + order.providerPaymentId() + "/refund", refund, null);
        Status status = switch (created.path("status").asString("pending")) {
            case "processed" -> Status.SUCCEEDED;
            case "failed" -> Status.FAILED;
            default -> Status.PENDING;
        };
        return new ProviderOperation(created.path("id").asString(), status, null);
    }

    @Override
    public ProviderOperation payout(PayoutOrder order) {
        Map<String, Object> payout = new LinkedHashMap<>();
        payout.put("account_number", settings.payoutAccountNumber());
        payout.put("amount", order.amountMinor());
        payout.put("currency", order.currency());
        payout.put("mode", "UPI");
        payout.put("purpose", "payout");
        payout.put("fund_account", Map.of("account_type", "vpa", "vpa", Map.of("address", order.destination()),
                "contact", Map.of("name", order.beneficiaryName(), "type", "vendor", "reference_id", order.reference().toString())));
        payout.put("queue_if_low_balance", true);
        payout.put("reference_id", order.reference().toString());
        payout.put("narration", "LinkWithMentor payout");
        JsonNode created = post("/v1/payouts", payout, order.reference().toString());
        Status status = switch (created.path("status").asString("processing")) {
            case "processed" -> Status.SUCCEEDED;
            case "failed", "rejected", "reversed", "cancelled" -> Status.FAILED;
            default -> Status.PENDING;
        };
        return new ProviderOperation(created.path("id").asString(), status, text(created.path("status_details"), "description"));
    }

    @Override
    public ProviderEvent verifyWebhook(Map<String, String> headers, byte[] body) throws WebhookRejectedException {
        Signatures.verifyBodyHmac(settings.webhookSecret(), body, headers.get("x-razorpay-signature"));
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (RuntimeException ex) {
            throw new WebhookRejectedException("The webhook body is not JSON");
        }
        String type = event.path("event").asString("");
        String eventId = headers.getOrDefault("x-razorpay-event-id", "");
        if (eventId.isBlank()) {
            throw new WebhookRejectedException("The webhook has no x-razorpay-event-id");
        }
        JsonNode payload = event.path("payload");
        JsonNode payment = payload.path("payment").path("entity");
        return switch (type) {
            case "payment.captured", "order.paid" -> new ProviderEvent(eventId, EventKind.PAYMENT_SUCCEEDED, type,
                    text(payment, "order_id"), text(payment.path("notes"), "reference"), amount(payment), currency(payment),
                    mandate(payment), text(payment, "id"), null);
            case "payment_link.paid" -> {
                JsonNode link = payload.path("payment_link").path("entity");
                yield new ProviderEvent(eventId, EventKind.PAYMENT_SUCCEEDED, type, text(link, "id"), text(link, "reference_id"),
                        amount(payment), currency(payment), mandate(payment), text(payment, "id"), null);
            }
            case "payment.failed" -> new ProviderEvent(eventId, EventKind.PAYMENT_FAILED, type, text(payment, "order_id"),
                    text(payment.path("notes"), "reference"), amount(payment), currency(payment), null, text(payment, "id"),
                    text(payment, "error_description"));
            case "refund.processed", "refund.failed" -> {
                JsonNode refund = payload.path("refund").path("entity");
                yield new ProviderEvent(eventId, type.equals("refund.processed") ? EventKind.REFUND_SUCCEEDED : EventKind.REFUND_FAILED,
                        type, text(refund, "id"), text(refund.path("notes"), "reference"), amount(refund), currency(refund), null,
                        text(refund, "payment_id"), null);
            }
            case "payout.processed", "payout.failed", "payout.reversed", "payout.rejected" -> {
                JsonNode payout = payload.path("payout").path("entity");
                yield new ProviderEvent(eventId, type.equals("payout.processed") ? EventKind.PAYOUT_SUCCEEDED : EventKind.PAYOUT_FAILED,
                        type, text(payout, "id"), text(payout, "reference_id"), amount(payout), currency(payout), null, null,
                        text(payout.path("status_details"), "description"));
            }
            default -> new ProviderEvent(eventId, EventKind.OTHER, type, null, null, null, null, null, null, null);
        };
    }

    @Override
    public ProviderOperation fetchPayment(String gatewayRef) {
        JsonNode payments = ProviderHttp.call(NAME, () -> http.get().uri("/v1/orders/{id}/payments", gatewayRef)
            .header(HttpHeaders.AUTHORIZATION, basic()).retrieve().body(JsonNode.class));
        Status status = Status.PENDING;
        for (JsonNode item : payments.path("items")) {
            String state = item.path("status").asString("");
            if (state.equals("captured")) {
                return new ProviderOperation(gatewayRef, Status.SUCCEEDED, null);
            }
            if (state.equals("failed")) {
                status = Status.FAILED;
            }
        }
        return new ProviderOperation(gatewayRef, status, null);
    }

    @Override
    public List<SettlementLine> settlementReport(LocalDate day) {
        JsonNode report = ProviderHttp.call(NAME, () -> http.get()
            .uri("/v1/settlements/recon/combined?year={y}&month={m}&day={d}", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
            .header(HttpHeaders.AUTHORIZATION, basic()).retrieve().body(JsonNode.class));
        List<SettlementLine> lines = new ArrayList<>();
        for (JsonNode item : report.path("items")) {
            String type = item.path("type").asString("");
            LineType lineType = switch (type) {
                case "refund" -> LineType.REFUND;
                case "payout", "transfer" -> LineType.PAYOUT;
                default -> LineType.PAYMENT;
            };
            String ref = lineType == LineType.PAYMENT && text(item, "order_id") != null ? text(item, "order_id")
                    : item.path("entity_id").asString();
            lines.add(new SettlementLine(ref, null, lineType, item.path("amount").asLong(),
                    item.path("currency").asString("INR").toUpperCase(Locale.ROOT)));
        }
        return lines;
    }

    private JsonNode createOrder(String reference, long amountMinor, String currency) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("amount", amountMinor);
        order.put("currency", currency);
        order.put("receipt", reference.length() > 40 ? reference.substring(0, 40) : reference);
        order.put("notes", Map.of("reference", reference));
        return post("/v1/orders", order, null);
    }

    private JsonNode post(String path, Map<String, Object> body, @Nullable String idempotencyKey) {
        return ProviderHttp.call(NAME, () -> {
            RestClient.RequestBodySpec request = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, basic());
            if (idempotencyKey != null) {
                request.header("X-Payout-Idempotency", idempotencyKey);
            }
            return request.body(body).retrieve().body(JsonNode.class);
        });
    }

    private String basic() {
        return "Basic " + Base64.getEncoder()
            .encodeToString((settings.keyId() + ":" + settings.keySecret()).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Long amount(JsonNode entity) {
        return entity.path("amount").isNumber() ? entity.path("amount").asLong() : null;
    }

    private static @Nullable String currency(JsonNode entity) {
        String currency = text(entity, "currency");
        return currency != null ? currency.toUpperCase(Locale.ROOT) : null;
    }

    private static @Nullable String mandate(JsonNode payment) {
        String customer = text(payment, "customer_id");
        String token = text(payment, "token_id");
        return customer != null && token != null ? customer + ":" + token : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
