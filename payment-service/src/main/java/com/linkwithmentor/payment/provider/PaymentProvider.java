package com.linkwithmentor.payment.provider;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A payment gateway as payment-service uses it. Every operation names our transaction id as its
 * reference, so sending it twice is the same operation at the provider. A provider that cannot be
 * reached (or answers 5xx) throws {@link ProviderUnavailableException}, and the call is queued and
 * retried; a provider that refuses the request itself throws {@link ProviderRejectedException}.
 */
public interface PaymentProvider {

    /** The name in configuration, in the webhook path ({@code /webhooks/{name}}) and on transactions. */
    String name();

    /** Opens a payment the payer completes: a UPI intent, or a hosted checkout page for cards. */
    CreatedPayment createPayment(PaymentOrder order);

    /** Charges a mandate set up by an earlier payment (UPI AutoPay, card on file). */
    CreatedPayment chargeMandate(MandateCharge charge);

    ProviderOperation refund(RefundOrder order);

    ProviderOperation payout(PayoutOrder order);

    /** Verifies the webhook's signature and reads it; anything unsigned, forged or stale throws. */
    ProviderEvent verifyWebhook(Map<String, String> headers, byte[] body) throws WebhookRejectedException;

    /** What the provider says about a payment now (for a payment whose webhook never came). */
    ProviderOperation fetchPayment(String gatewayRef);

    /** What the provider settled on a day, for reconciliation. */
    List<SettlementLine> settlementReport(LocalDate day);

    enum Method {
        UPI, CARD
    }

    enum Status {
        PENDING, SUCCEEDED, FAILED
    }

    record PaymentOrder(UUID reference, long amountMinor, String currency, Method method, String description, UUID payerId,
            boolean setupMandate, URI notifyUrl) {
    }

    record MandateCharge(UUID reference, String mandateRef, long amountMinor, String currency, UUID payerId, URI notifyUrl) {
    }

    record RefundOrder(UUID reference, String paymentRef, @Nullable String providerPaymentId, long amountMinor,
            String currency, URI notifyUrl) {
    }

    /** {@code destination}: a UPI VPA, or the provider's own account id (Stripe {@code acct_...}). */
    record PayoutOrder(UUID reference, long amountMinor, String currency, String destination, String beneficiaryName,
            URI notifyUrl) {
    }

    /** A created payment: its reference at the provider and what the payer does next. */
    record CreatedPayment(String gatewayRef, Status status, @Nullable String upiUri, @Nullable String redirectUrl,
            @Nullable String providerPaymentId) {
    }

    record ProviderOperation(String ref, Status status, @Nullable String failureReason) {
    }

    /** A verified webhook, reduced to what the state machine needs. */
    record ProviderEvent(String eventId, EventKind kind, String type, @Nullable String ref, @Nullable String reference,
            @Nullable Long amountMinor, @Nullable String currency, @Nullable String mandateRef,
            @Nullable String providerPaymentId, @Nullable String failureReason) {
    }

    enum EventKind {
        PAYMENT_SUCCEEDED, PAYMENT_FAILED, REFUND_SUCCEEDED, REFUND_FAILED, PAYOUT_SUCCEEDED, PAYOUT_FAILED, OTHER
    }

    enum LineType {
        PAYMENT, REFUND, PAYOUT
    }

    record SettlementLine(String gatewayRef, @Nullable String reference, LineType type, long amountMinor, String currency) {
    }
}
