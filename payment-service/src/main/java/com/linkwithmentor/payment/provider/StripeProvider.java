package com.linkwithmentor.payment.provider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe, as its API documents it (form-encoded requests, bearer secret key, {@code Idempotency-Key}
 * = our reference): a hosted Checkout Session per payment ({@code POST /v1/checkout/sessions},
 * mode {@code payment}, the PaymentIntent carrying {@code metadata[reference]}), off-session
 * PaymentIntents on a saved card for renewals, refunds ({@code POST /v1/refunds}), Connect
 * transfers for payouts ({@code POST /v1/transfers}), balance transactions for settlement.
 * Webhooks: {@code Stripe-Signature: t=...,v1=...}, the HMAC-SHA256 of {@code "t.payload"} with the
 * endpoint secret, within a timestamp tolerance. Switched on by {@code lwm.payments.stripe.enabled}.
 */
public class StripeProvider implements PaymentProvider {

    public static final String NAME = "stripe";

    private final RestClient http;

    private final ProviderSettings.Stripe settings;

    private final JsonMapper json;

    private final Clock clock;

    StripeProvider(RestClient.Builder builder, ProviderSettings.Stripe settings, JsonMapper json, Clock clock) {
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
        String reference = order.reference().toString();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("mode", "payment");
        form.add("client_reference_id", reference);
        form.add("line_items[0][quantity]", "1");
        form.add("line_items[0][price_data][currency]", order.currency().toLowerCase(Locale.ROOT));
        form.add("line_items[0][price_data][unit_amount]", Long.toString(order.amountMinor()));
        form.add("line_items[0][price_data][product_data][name]", order.description());
        form.add("payment_intent_data[metadata][reference]", reference);
        form.add("metadata[reference]", reference);
        form.add("success_url", settings.successUrl());
        form.add("cancel_url", settings.cancelUrl());
        if (order.setupMandate()) {
            form.add("customer_creation", "always");
            form.add("payment_intent_data[setup_future_usage]", "off_session");
        }
        JsonNode session = post("/v1/checkout/sessions", form, reference);
        return new CreatedPayment(session.path("id").asString(), Status.PENDING, null, session.path("url").asString(),
                text(session, "payment_intent"));
    }

    @Override
    public CreatedPayment chargeMandate(MandateCharge charge) {
        String[] mandate = charge.mandateRef().split(":", 2);
        if (mandate.length != 2) {
            throw new ProviderRejectedException("A Stripe mandate is customer:payment_method, not " + charge.mandateRef());
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("amount", Long.toString(charge.amountMinor()));
        form.add("currency", charge.currency().toLowerCase(Locale.ROOT));
        form.add("customer", mandate[0]);
        form.add("payment_method", mandate[1]);
        form.add("off_session", "true");
        form.add("confirm", "true");
        form.add("metadata[reference]", charge.reference().toString());
        JsonNode intent = post("/v1/payment_intents", form, charge.reference().toString());
        return new CreatedPayment(intent.path("id").asString(), intentStatus(intent), null, null, intent.path("id").asString());
    }

    @Override
    public ProviderOperation refund(RefundOrder order) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("payment_intent", order.providerPaymentId() != null ? order.providerPaymentId() : order.paymentRef());
        form.add("amount", Long.toString(order.amountMinor()));
        form.add("metadata[reference]", order.reference().toString());
        JsonNode refund = post("/v1/refunds", form, order.reference().toString());
        return new ProviderOperation(refund.path("id").asString(), refundStatus(refund.path("status").asString("")),
                text(refund, "failure_reason"));
    }

    @Override
    public ProviderOperation payout(PayoutOrder order) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("amount", Long.toString(order.amountMinor()));
        form.add("currency", order.currency().toLowerCase(Locale.ROOT));
        form.add("destination", order.destination());
        form.add("transfer_group", order.reference().toString());
        form.add("metadata[reference]", order.reference().toString());
        JsonNode transfer = post("/v1/transfers", form, order.reference().toString());
        // A transfer to a connected account is made when the call succeeds.
        return new ProviderOperation(transfer.path("id").asString(), transfer.path("reversed").asBoolean(false) ? Status.FAILED
                : Status.SUCCEEDED, null);
    }

    @Override
    public ProviderEvent verifyWebhook(Map<String, String> headers, byte[] body) throws WebhookRejectedException {
        Signatures.verifyTimestamped(settings.webhookSecret(), body, headers.get("stripe-signature"),
                settings.signatureTolerance(), clock);
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (RuntimeException ex) {
            throw new WebhookRejectedException("The webhook body is not JSON");
        }
        String eventId = event.path("id").asString("");
        if (eventId.isBlank()) {
            throw new WebhookRejectedException("The webhook has no event id");
        }
        String type = event.path("type").asString("");
        JsonNode object = event.path("data").path("object");
        String reference = text(object.path("metadata"), "reference");
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                "paid".equals(text(object, "payment_status"))
                        ? new ProviderEvent(eventId, EventKind.PAYMENT_SUCCEEDED, type, text(object, "id"),
                                text(object, "client_reference_id"), amount(object, "amount_total"), currency(object), null,
                                text(object, "payment_intent"), null)
                        : new ProviderEvent(eventId, EventKind.OTHER, type, null, null, null, null, null, null, null);
            case "checkout.session.async_payment_failed", "checkout.session.expired" -> new ProviderEvent(eventId,
                    EventKind.PAYMENT_FAILED, type, text(object, "id"), text(object, "client_reference_id"),
                    amount(object, "amount_total"), currency(object), null, text(object, "payment_intent"), type);
            case "payment_intent.succeeded" -> new ProviderEvent(eventId, EventKind.PAYMENT_SUCCEEDED, type, text(object, "id"),
                    reference, amount(object, "amount_received"), currency(object), mandate(object), text(object, "id"), null);
            case "payment_intent.payment_failed" -> new ProviderEvent(eventId, EventKind.PAYMENT_FAILED, type, text(object, "id"),
                    reference, amount(object, "amount"), currency(object), null, text(object, "id"),
                    text(object.path("last_payment_error"), "message"));
            case "refund.updated", "refund.created" -> {
                Status status = refundStatus(object.path("status").asString(""));
                EventKind kind = status == Status.SUCCEEDED ? EventKind.REFUND_SUCCEEDED
                        : status == Status.FAILED ? EventKind.REFUND_FAILED : EventKind.OTHER;
                yield new ProviderEvent(eventId, kind, type, text(object, "id"), reference, amount(object, "amount"),
                        currency(object), null, text(object, "payment_intent"), text(object, "failure_reason"));
            }
            case "transfer.reversed" -> new ProviderEvent(eventId, EventKind.PAYOUT_FAILED, type, text(object, "id"), reference,
                    amount(object, "amount"), currency(object), null, null, "transfer_reversed");
            default -> new ProviderEvent(eventId, EventKind.OTHER, type, null, null, null, null, null, null, null);
        };
    }

    @Override
    public ProviderOperation fetchPayment(String gatewayRef) {
        if (gatewayRef.startsWith("pi_")) {
            JsonNode intent = get("/v1/payment_intents/" + gatewayRef);
            return new ProviderOperation(gatewayRef, intentStatus(intent), null);
        }
        JsonNode session = get("/v1/checkout/sessions/" + gatewayRef);
        Status status = "paid".equals(text(session, "payment_status")) ? Status.SUCCEEDED
                : "expired".equals(text(session, "status")) ? Status.FAILED : Status.PENDING;
        return new ProviderOperation(gatewayRef, status, null);
    }

    @Override
    public List<SettlementLine> settlementReport(LocalDate day) {
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        JsonNode list = get("/v1/balance_transactions?created[gte]=" + from + "&created[lt]=" + to
                + "&limit=100&expand[]=data.source");
        List<SettlementLine> lines = new ArrayList<>();
        for (JsonNode item : list.path("data")) {
            String type = item.path("type").asString("");
            JsonNode source = item.path("source");
            LineType lineType;
            String ref;
            switch (type) {
                case "charge", "payment" -> {
                    lineType = LineType.PAYMENT;
                    ref = source.isObject() && text(source, "payment_intent") != null ? text(source, "payment_intent")
                            : source.asString("");
                }
                case "refund", "payment_refund" -> {
                    lineType = LineType.REFUND;
                    ref = source.isObject() ? source.path("id").asString() : source.asString("");
                }
                case "transfer" -> {
                    lineType = LineType.PAYOUT;
                    ref = source.isObject() ? source.path("id").asString() : source.asString("");
                }
                default -> {
                    continue;
                }
            }
            lines.add(new SettlementLine(ref, source.isObject() ? text(source.path("metadata"), "reference") : null, lineType,
                    Math.abs(item.path("amount").asLong()), item.path("currency").asString("inr").toUpperCase(Locale.ROOT)));
        }
        return lines;
    }

    private JsonNode post(String path, MultiValueMap<String, String> form, String idempotencyKey) {
        return ProviderHttp.call(NAME, () -> http.post().uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.secretKey())
            .header("Idempotency-Key", idempotencyKey)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form).retrieve().body(JsonNode.class));
    }

    private JsonNode get(String path) {
        return ProviderHttp.call(NAME, () -> http.get().uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.secretKey()).retrieve().body(JsonNode.class));
    }

    private static Status intentStatus(JsonNode intent) {
        return switch (intent.path("status").asString("")) {
            case "succeeded" -> Status.SUCCEEDED;
            case "canceled", "requires_payment_method" -> Status.FAILED;
            default -> Status.PENDING;
        };
    }

    private static Status refundStatus(String status) {
        return switch (status) {
            case "succeeded" -> Status.SUCCEEDED;
            case "failed", "canceled" -> Status.FAILED;
            default -> Status.PENDING;
        };
    }

    private static @Nullable Long amount(JsonNode object, String field) {
        return object.path(field).isNumber() ? object.path(field).asLong() : null;
    }

    private static @Nullable String currency(JsonNode object) {
        String currency = text(object, "currency");
        return currency != null ? currency.toUpperCase(Locale.ROOT) : null;
    }

    private static @Nullable String mandate(JsonNode intent) {
        String customer = text(intent, "customer");
        String method = text(intent, "payment_method");
        return customer != null && method != null ? customer + ":" + method : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
