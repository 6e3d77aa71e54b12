package com.linkwithmentor.payment.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe adapter against recorded shapes of Stripe's documented API (Checkout Sessions,
 * refunds, Connect transfers, balance transactions; form-encoded, bearer key, Idempotency-Key)
 * and its webhook signature: {@code Stripe-Signature: t=..,v1=..} over {@code "t.payload"},
 * refused outside the timestamp tolerance.
 */
class StripeProviderTests {

    static WireMockServer stripe;

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    StripeProvider provider;

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @BeforeEach
    void adapter() {
        stripe.resetAll();
        provider = new StripeProvider(RestClient.builder(), new ProviderSettings.Stripe(true, stripe.baseUrl(), "sk_test_123",
                "whsec_test", Duration.ofMinutes(5), "https://example.test/done", "https://example.test/cancel",
                Duration.ofSeconds(1), Duration.ofSeconds(2)), JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aCardPaymentIsAHostedCheckoutSession() {
        UUID reference = UUID.randomUUID();
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(okJson("""
                {"id": "cs_test_a1b2c3", "object": "checkout.session", "amount_total": 50000, "currency": "inr",
                 "client_reference_id": "%s", "mode": "payment", "payment_intent": null, "payment_status": "unpaid",
                 "status": "open", "url": "https://checkout.stripe.com/c/pay/cs_test_a1b2c3"}""".formatted(reference))));
        PaymentProvider.CreatedPayment created = provider.createPayment(new PaymentProvider.PaymentOrder(reference, 50_000, "INR",
                PaymentProvider.Method.CARD, "Mentorship session", UUID.randomUUID(), false, URI.create("http://unused")));
        assertThat(created.gatewayRef()).isEqualTo("cs_test_a1b2c3");
        assertThat(created.redirectUrl()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_a1b2c3");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
            .withHeader("Authorization", equalTo("Bearer sk_test_123"))
            .withHeader("Idempotency-Key", equalTo(reference.toString()))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("mode=payment"))
            .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=50000"))
            .withRequestBody(containing("client_reference_id=" + reference)));
    }

    @Test
    void refundsAndTransfersAreSentAsDocumented() {
        UUID refund = UUID.randomUUID();
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(okJson("""
                {"id": "re_1Nispe2eZvKYlo2Cd31jOCgZ", "object": "refund", "amount": 25000, "currency": "inr",
                 "payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "status": "succeeded", "metadata": {"reference": "%s"}}
                """.formatted(refund))));
        PaymentProvider.ProviderOperation refunded = provider.refund(new PaymentProvider.RefundOrder(refund, "cs_test",
                "pi_3MtwBwLkdIwHu7ix28a3tqPa", 25_000, "INR", URI.create("http://unused")));
        assertThat(refunded.status()).isEqualTo(PaymentProvider.Status.SUCCEEDED);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds")).withRequestBody(containing("payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa"))
            .withRequestBody(containing("amount=25000")).withHeader("Idempotency-Key", equalTo(refund.toString())));
        stripe.stubFor(post(urlEqualTo("/v1/transfers")).willReturn(okJson("""
                {"id": "tr_1MiN3gLkdIwHu7ixNCZvFdgA", "object": "transfer", "amount": 54000, "currency": "inr",
                 "destination": "acct_1MTfjCQ9PRzxEwkZ", "reversed": false, "transfer_group": "g"}""")));
        PaymentProvider.ProviderOperation transfer = provider.payout(new PaymentProvider.PayoutOrder(UUID.randomUUID(), 54_000,
                "INR", "acct_1MTfjCQ9PRzxEwkZ", "Mentor", URI.create("http://unused")));
        assertThat(transfer.ref()).isEqualTo("tr_1MiN3gLkdIwHu7ixNCZvFdgA");
        assertThat(transfer.status()).isEqualTo(PaymentProvider.Status.SUCCEEDED);
    }

    String header(String payload, long timestamp, String secret) {
        return "t=" + timestamp + ",v1=" + Signatures.hmacHex(secret, (timestamp + "." + payload).getBytes(StandardCharsets.UTF_8))
                + ",v0=ignored";
    }

    @Test
    void aWebhookIsReadOnlyWhenItsSignatureVerifiesWithinTheTolerance() throws Exception {
        UUID reference = UUID.randomUUID();
        String payload = """
                {"id": "evt_1NG8Du2eZvKYlo2CUI79vXWy", "object": "event", "api_version": "2024-06-20", "created": 1686089970,
                 "type": "checkout.session.completed", "data": {"object": {"id": "cs_test_a1b2c3", "object": "checkout.session",
                 "amount_total": 50000, "currency": "inr", "client_reference_id": "%s", "payment_intent": "pi_3MtwBw",
                 "payment_status": "paid", "status": "complete"}}}""".formatted(reference);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        long t = NOW.getEpochSecond() - 30;
        PaymentProvider.ProviderEvent event = provider.verifyWebhook(Map.of("stripe-signature", header(payload, t, "whsec_test")), bytes);
        assertThat(event.kind()).isEqualTo(PaymentProvider.EventKind.PAYMENT_SUCCEEDED);
        assertThat(event.eventId()).isEqualTo("evt_1NG8Du2eZvKYlo2CUI79vXWy");
        assertThat(event.reference()).isEqualTo(reference.toString());
        assertThat(event.providerPaymentId()).isEqualTo("pi_3MtwBw");
        assertThat(event.currency()).isEqualTo("INR");
        assertThatThrownBy(() -> provider.verifyWebhook(Map.of("stripe-signature", header(payload, t, "whsec_other")), bytes))
            .isInstanceOf(WebhookRejectedException.class);
        long stale = NOW.getEpochSecond() - 600;
        assertThatThrownBy(() -> provider.verifyWebhook(Map.of("stripe-signature", header(payload, stale, "whsec_test")), bytes))
            .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> provider.verifyWebhook(Map.of("stripe-signature", "garbage"), bytes))
            .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void balanceTransactionsAreTheSettlementReport() {
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions")).willReturn(okJson("""
                {"object": "list", "url": "/v1/balance_transactions", "has_more": false, "data": [
                  {"id": "txn_1", "object": "balance_transaction", "amount": 50000, "currency": "inr", "fee": 1500, "net": 48500,
                   "type": "charge", "source": {"id": "ch_1", "object": "charge", "payment_intent": "pi_3MtwBw", "metadata": {}}},
                  {"id": "txn_2", "object": "balance_transaction", "amount": -25000, "currency": "inr", "fee": 0, "net": -25000,
                   "type": "refund", "source": {"id": "re_1", "object": "refund", "metadata": {"reference": "r"}}}]}""")));
        var lines = provider.settlementReport(LocalDate.of(2026, 12, 1));
        assertThat(lines).containsExactly(
                new PaymentProvider.SettlementLine("pi_3MtwBw", null, PaymentProvider.LineType.PAYMENT, 50_000, "INR"),
                new PaymentProvider.SettlementLine("re_1", "r", PaymentProvider.LineType.REFUND, 25_000, "INR"));
    }
}
