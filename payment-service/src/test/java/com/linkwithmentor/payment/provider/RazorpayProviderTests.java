package com.linkwithmentor.payment.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
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
 * The Razorpay adapter against recorded shapes of Razorpay's documented API (orders, UPI intent
 * S2S payments, refunds, RazorpayX payouts, the recon report) and its webhook signature:
 * {@code X-Razorpay-Signature} = hex HMAC-SHA256 of the raw body with the webhook secret.
 */
class RazorpayProviderTests {

    static WireMockServer razorpay;

    RazorpayProvider provider;

    @BeforeAll
    static void start() {
        razorpay = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        razorpay.start();
    }

    @AfterAll
    static void stop() {
        razorpay.stop();
    }

    @BeforeEach
    void adapter() {
        razorpay.resetAll();
        provider = new RazorpayProvider(RestClient.builder(), new ProviderSettings.Razorpay(true, razorpay.baseUrl(), "rzp_test_key",
                "rzp_secret", "whsec_rzp", "2323230041626905", Duration.ofSeconds(1), Duration.ofSeconds(2)),
                JsonMapper.builder().build());
    }

    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("rzp_test_key:rzp_secret".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUpiPaymentIsAnOrderAndAnIntentPayment() {
        UUID reference = UUID.randomUUID();
        razorpay.stubFor(post(urlEqualTo("/v1/orders")).willReturn(okJson("""
                {"id": "order_IluGWxBm9U8zJ8", "entity": "order", "amount": 50000, "amount_paid": 0, "amount_due": 50000,
                 "currency": "INR", "receipt": "%s", "status": "created", "attempts": 0, "notes": {"reference": "%s"},
                 "created_at": 1642662092}""".formatted(reference.toString().substring(0, 36), reference))));
        razorpay.stubFor(post(urlEqualTo("/v1/payments/create/upi")).willReturn(okJson("""
                {"razorpay_payment_id": "pay_EAm09NKReXi2e0",
                 "link": "upi://pay?pa=upi@razopay&pn=LinkWithMentor&tr=EAm09NKReXi2e0&tn=razorpay&am=500&cu=INR&mc=5411"}""")));
        PaymentProvider.CreatedPayment created = provider.createPayment(new PaymentProvider.PaymentOrder(reference, 50_000, "INR",
                PaymentProvider.Method.UPI, "Session", UUID.randomUUID(), false, URI.create("http://unused")));
        assertThat(created.gatewayRef()).isEqualTo("order_IluGWxBm9U8zJ8");
        assertThat(created.upiUri()).startsWith("upi://pay?pa=upi@razopay");
        assertThat(created.providerPaymentId()).isEqualTo("pay_EAm09NKReXi2e0");
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/orders")).withHeader("Authorization", equalTo(basic()))
            .withRequestBody(matchingJsonPath("$.amount", equalTo("50000")))
            .withRequestBody(matchingJsonPath("$.notes.reference", equalTo(reference.toString()))));
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/payments/create/upi"))
            .withRequestBody(matchingJsonPath("$.upi.flow", equalTo("intent")))
            .withRequestBody(matchingJsonPath("$.order_id", equalTo("order_IluGWxBm9U8zJ8")))
            .withRequestBody(matchingJsonPath("$.method", equalTo("upi"))));
    }

    @Test
    void refundsAndPayoutsAreSentAsDocumented() {
        UUID refund = UUID.randomUUID();
        razorpay.stubFor(post(urlEqualTo("/v1/payments/pay_29QQoUBi66xm2f/refund")).willReturn(okJson("""
                {"id": "rfnd_FgRAHdNOM4ZVbO", "entity": "refund", "amount": 25000, "currency": "INR",
                 "payment_id": "pay_29QQoUBi66xm2f", "notes": {"reference": "%s"}, "receipt": "%s", "status": "processed",
                 "speed_processed": "normal", "speed_requested": "normal"}""".formatted(refund, refund))));
        PaymentProvider.ProviderOperation refunded = provider.refund(new PaymentProvider.RefundOrder(refund, "order_x",
                "pay_29QQoUBi66xm2f", 25_000, "INR", URI.create("http://unused")));
        assertThat(refunded.ref()).isEqualTo("rfnd_FgRAHdNOM4ZVbO");
        assertThat(refunded.status()).isEqualTo(PaymentProvider.Status.SUCCEEDED);

        UUID payout = UUID.randomUUID();
        razorpay.stubFor(post(urlEqualTo("/v1/payouts")).willReturn(okJson("""
                {"id": "pout_00000000000001", "entity": "payout", "fund_account_id": "fa_00000000000001", "amount": 54000,
                 "currency": "INR", "fees": 590, "tax": 90, "status": "processing", "purpose": "payout", "mode": "UPI",
                 "reference_id": "%s", "narration": "LinkWithMentor payout", "status_details": null}""".formatted(payout))));
        PaymentProvider.ProviderOperation paid = provider.payout(new PaymentProvider.PayoutOrder(payout, 54_000, "INR",
                "mentor@okbank", "Mentor", URI.create("http://unused")));
        assertThat(paid.ref()).isEqualTo("pout_00000000000001");
        assertThat(paid.status()).isEqualTo(PaymentProvider.Status.PENDING);
        razorpay.verify(postRequestedFor(urlEqualTo("/v1/payouts")).withHeader("X-Payout-Idempotency", equalTo(payout.toString()))
            .withRequestBody(matchingJsonPath("$.account_number", equalTo("2323230041626905")))
            .withRequestBody(matchingJsonPath("$.fund_account.vpa.address", equalTo("mentor@okbank")))
            .withRequestBody(matchingJsonPath("$.mode", equalTo("UPI"))));

        razorpay.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"amount too small\"}}")));
        assertThatThrownBy(() -> provider.createPayment(new PaymentProvider.PaymentOrder(UUID.randomUUID(), 1, "INR",
                PaymentProvider.Method.UPI, "x", UUID.randomUUID(), false, URI.create("http://unused"))))
            .isInstanceOf(ProviderRejectedException.class);
        razorpay.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> provider.createPayment(new PaymentProvider.PaymentOrder(UUID.randomUUID(), 100, "INR",
                PaymentProvider.Method.UPI, "x", UUID.randomUUID(), false, URI.create("http://unused"))))
            .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void aWebhookIsReadOnlyWhenItsSignatureVerifies() throws Exception {
        UUID reference = UUID.randomUUID();
        String body = """
                {"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.captured","contains":["payment"],
                 "payload":{"payment":{"entity":{"id":"pay_DESlfW9H8K9uqM","entity":"payment","amount":50000,"currency":"INR",
                 "status":"captured","order_id":"order_DESlLckIVRkHWj","method":"upi","captured":true,
                 "notes":{"reference":"%s"},"vpa":"gaurav.kumar@exampleupi"}}},"created_at":1567674606}
                """.formatted(reference);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.hmacHex("whsec_rzp", bytes);
        PaymentProvider.ProviderEvent event = provider.verifyWebhook(Map.of("x-razorpay-signature", signature,
                "x-razorpay-event-id", "KFYVvZ0Lq6g5oC"), bytes);
        assertThat(event.kind()).isEqualTo(PaymentProvider.EventKind.PAYMENT_SUCCEEDED);
        assertThat(event.eventId()).isEqualTo("KFYVvZ0Lq6g5oC");
        assertThat(event.ref()).isEqualTo("order_DESlLckIVRkHWj");
        assertThat(event.reference()).isEqualTo(reference.toString());
        assertThat(event.amountMinor()).isEqualTo(50_000);
        assertThat(event.providerPaymentId()).isEqualTo("pay_DESlfW9H8K9uqM");
        assertThatThrownBy(() -> provider.verifyWebhook(Map.of("x-razorpay-signature", Signatures.hmacHex("other", bytes),
                "x-razorpay-event-id", "e"), bytes)).isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> provider.verifyWebhook(Map.of("x-razorpay-event-id", "e"), bytes))
            .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void theReconReportIsReadLineByLine() {
        razorpay.stubFor(get(urlPathEqualTo("/v1/settlements/recon/combined")).willReturn(okJson("""
                {"entity": "collection", "count": 2, "items": [
                  {"entity_id": "pay_DEXrnipqTmWVGE", "type": "payment", "debit": 0, "credit": 97100, "amount": 100000,
                   "currency": "INR", "fee": 2900, "tax": 0, "settled": true, "order_id": "order_DEXrnRiR3SNDHA",
                   "settlement_id": "setl_DGlQ1Rj8os78Ec"},
                  {"entity_id": "rfnd_DGRcGzZSLyEdg1", "type": "refund", "debit": 242500, "credit": 0, "amount": 242500,
                   "currency": "INR", "fee": 0, "tax": 0, "settled": true, "payment_id": "pay_DEXrnipqTmWVGE"}]}""")));
        var lines = provider.settlementReport(LocalDate.of(2026, 12, 1));
        assertThat(lines).containsExactly(
                new PaymentProvider.SettlementLine("order_DEXrnRiR3SNDHA", null, PaymentProvider.LineType.PAYMENT, 100_000, "INR"),
                new PaymentProvider.SettlementLine("rfnd_DGRcGzZSLyEdg1", null, PaymentProvider.LineType.REFUND, 242_500, "INR"));
        razorpay.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/v1/settlements/recon/combined?year=2026&month=12&day=1")));
    }
}
