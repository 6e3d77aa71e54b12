package com.linkwithmentor.payment.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.payment.ledger.Money;

/**
 * What payment-service tells the fleet on {@code events.payments}, exactly the names and fields
 * of the fleet's events contract (docs/architecture.md): each method writes one event into the outbox, in the
 * transaction of the change it describes. The subject is the session, enrollment, subscription or
 * payout the event is about. Amounts are decimal strings beside their currency.
 */
@Component
public class PaymentEvents {

    private final OutboxWriter outbox;

    PaymentEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void escrowHeld(UUID sessionId, UUID txId, long amountMinor, String currency, @Nullable String gatewayRef) {
        Payload payload = new Payload().put("session_id", sessionId).put("tx_id", txId)
            .money(amountMinor, currency).put("gateway_ref", gatewayRef);
        append("EscrowHeld", sessionId, payload);
    }

    /** Every successful charge: {@code purpose} session, course or subscription, with the ids that apply. */
    public void paymentSucceeded(Purpose purpose, UUID payerId, UUID txId, long amountMinor, String currency) {
        Payload payload = new Payload().put("purpose", purpose.name).putAll(purpose.ids).put("payer_id", payerId)
            .put("tx_id", txId).money(amountMinor, currency);
        append("PaymentSucceeded", purpose.subject, payload);
    }

    public void paymentFailed(Purpose purpose, UUID txId, String reason) {
        Payload payload = new Payload().put("purpose", purpose.name).putAll(purpose.ids).put("tx_id", txId).put("reason", reason);
        append("PaymentFailed", purpose.subject, payload);
    }

    public void refundIssued(Purpose purpose, UUID txId, long amountMinor, String currency) {
        Payload payload = new Payload().put("purpose", purpose.name).putAll(purpose.ids).put("tx_id", txId)
            .money(amountMinor, currency);
        append("RefundIssued", purpose.subject, payload);
    }

    public void escrowReleased(UUID sessionId, UUID mentorId, long amountMinor, long feeMinor, String currency) {
        Payload payload = new Payload().put("session_id", sessionId).put("mentor_id", mentorId)
            .put("amount", Money.decimal(amountMinor, currency)).put("fee", Money.decimal(feeMinor, currency))
            .put("currency", currency);
        append("EscrowReleased", sessionId, payload);
    }

    public void payoutSent(UUID payoutId, UUID mentorId, long amountMinor, String currency) {
        append("PayoutSent", payoutId, new Payload().put("payout_id", payoutId).put("mentor_id", mentorId).money(amountMinor, currency));
    }

    public void payoutFailed(UUID payoutId, UUID mentorId, long amountMinor, String currency, String reason) {
        append("PayoutFailed", payoutId, new Payload().put("payout_id", payoutId).put("mentor_id", mentorId)
            .money(amountMinor, currency).put("reason", reason));
    }

    /** {@code SubscriptionActivated|Renewed|PastDue|Cancelled}. */
    public void subscription(String change, UUID subscriptionId, UUID planId, UUID mentorId, UUID menteeId,
            @Nullable Instant periodStart, @Nullable Instant periodEnd, @Nullable String reason) {
        Payload payload = new Payload().put("subscription_id", subscriptionId).put("plan_id", planId)
            .put("mentor_id", mentorId).put("mentee_id", menteeId)
            .put("current_period_start", periodStart).put("current_period_end", periodEnd);
        if (reason != null) {
            payload.put("reason", reason);
        }
        append("Subscription" + change, subscriptionId, payload);
    }

    private void append(String type, UUID subject, Payload payload) {
        outbox.append(Streams.PAYMENTS, type, subject, payload.fields);
    }

    /** What a charge was for, with the ids its events carry. */
    public static final class Purpose {

        final String name;

        final UUID subject;

        final Map<String, Object> ids = new LinkedHashMap<>();

        private Purpose(String name, UUID subject) {
            this.name = name;
            this.subject = subject;
        }

        public static Purpose session(UUID sessionId) {
            Purpose purpose = new Purpose("session", sessionId);
            purpose.ids.put("session_id", sessionId.toString());
            return purpose;
        }

        public static Purpose course(UUID enrollmentId, @Nullable UUID courseId) {
            Purpose purpose = new Purpose("course", enrollmentId);
            if (courseId != null) {
                purpose.ids.put("course_id", courseId.toString());
            }
            purpose.ids.put("enrollment_id", enrollmentId.toString());
            return purpose;
        }

        public static Purpose subscription(UUID subscriptionId) {
            Purpose purpose = new Purpose("subscription", subscriptionId);
            purpose.ids.put("subscription_id", subscriptionId.toString());
            return purpose;
        }
    }

    private static final class Payload {

        final Map<String, Object> fields = new LinkedHashMap<>();

        Payload put(String name, @Nullable Object value) {
            fields.put(name, value == null ? null : value instanceof Instant || value instanceof UUID ? value.toString() : value);
            return this;
        }

        Payload putAll(Map<String, Object> values) {
            fields.putAll(values);
            return this;
        }

        Payload money(long minor, String currency) {
            fields.put("amount", Money.decimal(minor, currency));
            fields.put("currency", currency);
            return this;
        }
    }
}
