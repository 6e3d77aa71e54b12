package com.linkwithmentor.payment.checkout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.payment.PaymentProperties;
import com.linkwithmentor.payment.ledger.Currencies;
import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.payment.provider.Providers;
import com.linkwithmentor.payment.settlement.CommandKind;
import com.linkwithmentor.payment.settlement.Copies;
import com.linkwithmentor.payment.settlement.ProviderCommands;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkout: what is being paid for and how much is decided here from the owner's data (an event
 * copy, or the owning service asked with payment-service's credential), never from the client.
 * The payment and its provider command commit together; the provider is then asked at once, and if
 * it cannot be reached the payment is {@code processing} and the queue keeps trying. A second
 * checkout for the same subject while one is live returns that one.
 */
@Service
public class CheckoutService {

    private final Copies copies;

    private final OwnerServices owners;

    private final SubscriptionCharges subscriptions;

    private final Transactions transactions;

    private final ProviderCommands commands;

    private final Providers providers;

    private final Currencies currencies;

    private final PaymentProperties properties;

    private final TransactionTemplate inTransaction;

    private final JsonMapper json;

    CheckoutService(Copies copies, OwnerServices owners, SubscriptionCharges subscriptions, Transactions transactions,
            ProviderCommands commands, Providers providers, Currencies currencies, PaymentProperties properties,
            TransactionTemplate inTransaction, JsonMapper json) {
        this.copies = copies;
        this.owners = owners;
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.commands = commands;
        this.providers = providers;
        this.currencies = currencies;
        this.properties = properties;
        this.inTransaction = inTransaction;
        this.json = json;
    }

    /** What a checkout is for, once the owner's data has been read. */
    record Subject(String purpose, UUID subjectId, @Nullable UUID courseId, UUID mentorId, long amountMinor, String currency,
            String description) {
    }

    /** What the payer does next: {@code upi_intent} (URI and its QR code) or {@code redirect} (a hosted page). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record NextAction(String type, @Nullable String upiUri, @Nullable String qrPngBase64, @Nullable String url) {
    }

    public record Checkout(UUID paymentId, UUID txId, TxStatus status, String purpose, @Nullable UUID sessionId,
            @Nullable UUID enrollmentId, @Nullable UUID subscriptionId, Money amount, @Nullable String gatewayRef,
            @Nullable NextAction nextAction, @Nullable String failureReason,
            @com.fasterxml.jackson.annotation.JsonIgnore boolean created) {
    }

    public Checkout forSession(UUID menteeId, UUID sessionId, String method) {
        Copies.SessionCopy session = copies.session(sessionId).orElseGet(() -> owners.session(sessionId).map(priced -> {
            long minor = priced.amount().signum() > 0 ? currencies.money("price", priced.amount(), priced.currency()).minor() : 0;
            copies.saveSession(sessionId, priced.mentorId(), priced.menteeId(), minor, priced.currency(), priced.status(), null);
            return copies.session(sessionId).orElseThrow();
        }).orElseThrow(() -> ApiException.notFound("Session " + sessionId)));
        if (!session.menteeId().equals(menteeId)) {
            throw ApiException.notFound("Session " + sessionId);
        }
        Optional<Checkout> live = live("session", sessionId);
        if (live.isPresent()) {
            return live.get();
        }
        if (session.amountMinor() == 0) {
            throw ApiException.conflict("Session " + sessionId + " is free; there is nothing to pay");
        }
        if (!session.status().equals("pending_payment")) {
            throw new ApiException(ErrorCode.CONFLICT, "Session " + sessionId + " is not awaiting payment (it is "
                    + session.status() + ")", Map.of("status", session.status()));
        }
        currencies.require("currency", session.currency());
        return open(menteeId, new Subject("session", sessionId, null, session.mentorId(), session.amountMinor(),
                session.currency(), "Mentorship session " + sessionId), method);
    }

    public Checkout forEnrollment(UUID menteeId, UUID enrollmentId, @Nullable UUID courseId, String method) {
        Copies.EnrollmentCopy enrollment = copies.enrollment(enrollmentId).orElseGet(() -> {
            if (courseId == null) {
                throw ApiException.notFound("Enrollment " + enrollmentId + " (give its course_id too)");
            }
            return owners.enrollment(courseId, enrollmentId).map(priced -> {
                long minor = priced.amount().signum() > 0 ? currencies.money("price", priced.amount(), priced.currency()).minor() : 0;
                copies.saveEnrollment(enrollmentId, courseId, priced.menteeId(), priced.mentorId(), minor, priced.currency(),
                        priced.status());
                return copies.enrollment(enrollmentId).orElseThrow();
            }).orElseThrow(() -> ApiException.notFound("Enrollment " + enrollmentId));
        });
        if (!enrollment.menteeId().equals(menteeId) || courseId != null && !courseId.equals(enrollment.courseId())) {
            throw ApiException.notFound("Enrollment " + enrollmentId);
        }
        Optional<Checkout> live = live("course", enrollmentId);
        if (live.isPresent()) {
            return live.get();
        }
        if (enrollment.amountMinor() == 0) {
            throw ApiException.conflict("Enrollment " + enrollmentId + " is free; there is nothing to pay");
        }
        if (!enrollment.status().equals("pending_payment")) {
            throw ApiException.conflict("Enrollment " + enrollmentId + " is not awaiting payment (it is " + enrollment.status() + ")");
        }
        currencies.require("currency", enrollment.currency());
        return open(menteeId, new Subject("course", enrollmentId, enrollment.courseId(), enrollment.mentorId(),
                enrollment.amountMinor(), enrollment.currency(), "Course enrollment " + enrollmentId), method);
    }

    public Checkout forSubscription(UUID menteeId, UUID subscriptionId, String method) {
        SubscriptionCharges.Charge charge = subscriptions.firstCharge(subscriptionId, menteeId);
        Optional<Tx> open = transactions.bySubscription(subscriptionId).stream()
            .filter(tx -> tx.type() == TxType.SUBSCRIPTION_CHARGE && !tx.status().terminal()).findFirst();
        if (open.isPresent()) {
            return view(open.get(), false);
        }
        return open(menteeId, new Subject("subscription", subscriptionId, null, charge.mentorId(), charge.amountMinor(),
                charge.currency(), charge.description()), method);
    }

    private Optional<Checkout> live(String purpose, UUID subjectId) {
        return transactions.livePayment(purpose, subjectId).map(tx -> {
            if (tx.status() == TxStatus.SUCCEEDED) {
                throw ApiException.conflict("This " + (purpose.equals("session") ? "session" : "enrollment") + " is paid already");
            }
            return view(tx, false);
        });
    }

    private Checkout open(UUID menteeId, Subject subject, String method) {
        String provider = providers.primary();
        record Opened(UUID txId, UUID commandId) {
        }
        Opened opened;
        try {
            opened = inTransaction.execute(status -> {
                int feeBps = properties.serviceFeeBps();
                Tx.Draft draft = Tx.draft(subject.purpose().equals("subscription") ? TxType.SUBSCRIPTION_CHARGE : TxType.PAYMENT,
                        subject.purpose(), subject.amountMinor(), subject.currency())
                    .status(TxStatus.PROCESSING).from(menteeId).to(subject.mentorId())
                    .provider(provider, method)
                    .fee(Money.share(subject.amountMinor(), feeBps), feeBps);
                switch (subject.purpose()) {
                    case "session" -> draft.session(subject.subjectId());
                    case "course" -> draft.enrollment(subject.subjectId(), subject.courseId());
                    default -> draft.subscription(subject.subjectId());
                }
                UUID txId = transactions.insert(draft);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("method", method);
                payload.put("description", subject.description());
                payload.put("setup_mandate", subject.purpose().equals("subscription"));
                return new Opened(txId, commands.enqueue(txId, CommandKind.CREATE_PAYMENT, provider, payload, null, true));
            });
        }
        catch (DuplicateKeyException ex) {
            // A concurrent checkout for the same subject won; answer with its payment.
            return live(subject.purpose(), subject.subjectId()).orElseThrow(() -> ApiException.conflict("Try again"));
        }
        commands.send(opened.commandId());
        return view(transactions.find(opened.txId()).orElseThrow(), true);
    }

    Checkout view(Tx tx, boolean created) {
        NextAction next = null;
        if (tx.nextAction() != null && tx.status() == TxStatus.PENDING) {
            JsonNode action = json.readTree(tx.nextAction());
            String type = action.path("type").asString("");
            if (type.equals("upi_intent")) {
                String uri = action.path("upi_uri").asString();
                next = new NextAction("upi_intent", uri, UpiQr.pngBase64(uri), null);
            }
            else if (type.equals("redirect")) {
                next = new NextAction("redirect", null, null, action.path("url").asString());
            }
        }
        return new Checkout(tx.txId(), tx.txId(), tx.status(), tx.purpose(), tx.sessionId(), tx.enrollmentId(),
                tx.subscriptionId(), Money.ofMinor(tx.amountMinor(), tx.currency()), tx.gatewayRef(), next, tx.failureReason(),
                created);
    }
}
