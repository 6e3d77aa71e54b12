package com.linkwithmentor.payment.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.payment.PaymentProperties;
import com.linkwithmentor.payment.checkout.SubscriptionCharges;
import com.linkwithmentor.payment.events.PaymentEvents;
import com.linkwithmentor.payment.provider.Providers;
import com.linkwithmentor.payment.settlement.ChargeOutcomes;
import com.linkwithmentor.payment.settlement.CommandKind;
import com.linkwithmentor.payment.settlement.Escrow;
import com.linkwithmentor.payment.settlement.ProviderCommands;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;
import com.linkwithmentor.payment.transaction.TxStatus;
import com.linkwithmentor.payment.transaction.TxType;

/**
 * Subscriptions across aggregates: checkout asks it for a first charge, the payment state machine
 * tells it how each charge settled, and the renewal scheduler charges the stored mandate when a
 * period ends (retrying with back-off while past due). Every transition is an event on
 * {@code events.payments}.
 */
@Service
class Subscriptions implements SubscriptionCharges, ChargeOutcomes {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private static final Duration CHARGE_LEASE = Duration.ofMinutes(30);

    private final SubscriptionRepository subscriptions;

    private final Transactions transactions;

    private final ProviderCommands commands;

    private final Providers providers;

    private final Escrow escrow;

    private final PaymentEvents events;

    private final PaymentProperties properties;

    private final TransactionTemplate inTransaction;

    private final Clock clock;

    Subscriptions(SubscriptionRepository subscriptions, Transactions transactions, ProviderCommands commands, Providers providers,
            Escrow escrow, PaymentEvents events, PaymentProperties properties, TransactionTemplate inTransaction, Clock clock) {
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.commands = commands;
        this.providers = providers;
        this.escrow = escrow;
        this.events = events;
        this.properties = properties;
        this.inTransaction = inTransaction;
        this.clock = clock;
    }

    @Override
    public Charge firstCharge(UUID subscriptionId, UUID menteeId) {
        Subscription subscription = subscriptions.findById(subscriptionId)
            .orElseThrow(() -> ApiException.notFound("Subscription " + subscriptionId));
        subscription.requireAwaitingFirstPayment(menteeId);
        return new Charge(subscriptionId, subscription.mentorId(), subscription.priceMinor(), subscription.currency(),
                "Subscription " + subscription.planType().wireName() + " " + subscriptionId);
    }

    @Override
    public void succeeded(Tx charge, @Nullable String mandateRef) {
        Subscription subscription = subscriptions.findById(charge.subscriptionId()).orElseThrow();
        escrow.creditSubscription(charge, subscription.mentorId());
        Subscription.Change change = subscription.charged(clock.instant(), charge.provider(), mandateRef);
        subscriptions.save(subscription);
        announce(subscription, change);
    }

    @Override
    public void failed(Tx charge, String reason) {
        Subscription subscription = subscriptions.findById(charge.subscriptionId()).orElseThrow();
        Subscription.Change change = subscription.chargeFailed(clock.instant(), properties.subscriptions().retryBackoff(),
                properties.subscriptions().gracePeriod());
        subscriptions.save(subscription);
        announce(subscription, change);
    }

    Subscription cancel(UUID subscriptionId, UUID menteeId) {
        return inTransaction.execute(status -> {
            Subscription subscription = subscriptions.findById(subscriptionId)
                .filter(found -> found.menteeId().equals(menteeId))
                .orElseThrow(() -> ApiException.notFound("Subscription " + subscriptionId));
            Subscription.Change change = subscription.cancelAtPeriodEnd(clock.instant());
            subscriptions.save(subscription);
            announce(subscription, change);
            return subscription;
        });
    }

    /** Ends what was set to end, and charges the mandate of every subscription whose period is over. */
    @Scheduled(fixedDelayString = "${lwm.payments.subscriptions.renewal-interval:60s}", initialDelayString = "PT5S")
    void renewDue() {
        Instant now = clock.instant();
        List<SubscriptionStatus> live = List.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE);
        for (UUID id : subscriptions.endingIds(live, now, Limit.of(200))) {
            inTransaction.executeWithoutResult(status -> subscriptions.findById(id).ifPresent(subscription -> {
                if (subscription.endsNow(clock.instant())) {
                    subscriptions.save(subscription);
                    announce(subscription, Subscription.Change.CANCELLED);
                }
            }));
        }
        for (UUID id : subscriptions.dueIds(live, now, Limit.of(200))) {
            try {
                inTransaction.executeWithoutResult(status -> subscriptions.findById(id).ifPresent(this::chargeRenewal));
            }
            catch (RuntimeException ex) {
                log.warn("Renewal of {} failed a round: {}", id, ex.toString());
            }
        }
    }

    private void chargeRenewal(Subscription subscription) {
        if (!subscription.autoRenew() || subscription.cancelAtPeriodEnd()) {
            return;
        }
        boolean open = transactions.bySubscription(subscription.subscriptionId()).stream()
            .anyMatch(tx -> tx.type() == TxType.SUBSCRIPTION_CHARGE && !tx.status().terminal());
        subscription.renewalStarted(clock.instant(), CHARGE_LEASE);
        subscriptions.save(subscription);
        if (open) {
            return;
        }
        if (subscription.mandateRef() == null) {
            Subscription.Change change = subscription.chargeFailed(clock.instant(), properties.subscriptions().retryBackoff(),
                    properties.subscriptions().gracePeriod());
            subscriptions.save(subscription);
            announce(subscription, change);
            return;
        }
        String provider = subscription.provider() != null ? subscription.provider() : providers.primary();
        int feeBps = properties.serviceFeeBps();
        UUID txId = transactions.insert(Tx.draft(TxType.SUBSCRIPTION_CHARGE, "subscription", subscription.priceMinor(),
                subscription.currency())
            .status(TxStatus.PROCESSING).from(subscription.menteeId()).to(subscription.mentorId())
            .subscription(subscription.subscriptionId()).provider(provider, "mandate")
            .fee(com.linkwithmentor.payment.ledger.Money.share(subscription.priceMinor(), feeBps), feeBps));
        commands.enqueue(txId, CommandKind.MANDATE_CHARGE, provider, Map.of("mandate_ref", subscription.mandateRef()), null,
                false);
    }

    private void announce(Subscription subscription, Subscription.Change change) {
        if (change == Subscription.Change.NONE) {
            return;
        }
        String name = switch (change) {
            case ACTIVATED -> "Activated";
            case RENEWED -> "Renewed";
            case PAST_DUE -> "PastDue";
            case CANCELLED -> "Cancelled";
            case NONE -> throw new IllegalStateException();
        };
        events.subscription(name, subscription.subscriptionId(), subscription.planId(), subscription.mentorId(),
                subscription.menteeId(), subscription.startDate(), subscription.endDate(),
                change == Subscription.Change.CANCELLED ? subscription.cancellationReason() : null);
    }
}
