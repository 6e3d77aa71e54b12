package com.linkwithmentor.payment.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * A mentee's subscription to a plan (the seed's Subscription model). Its transitions are its own
 * methods, each returning what changed so the caller can tell the fleet: activated by the first
 * charge, renewed by each later one, past due when a renewal fails (retried with back-off through
 * the grace period), cancelled at the period's end when asked, or when the grace period runs out.
 */
@Entity
@Table(name = "subscriptions")
class Subscription {

    /** What a transition did, named as the events are ({@code Subscription<Change>}). */
    enum Change {
        NONE, ACTIVATED, RENEWED, PAST_DUE, CANCELLED
    }

    @Id
    private UUID subscriptionId;

    private UUID planId;

    private UUID menteeId;

    private UUID mentorId;

    private PlanInterval planType;

    private long priceMinor;

    private String currency;

    private int sessionsIncluded;

    private SubscriptionStatus status;

    private @Nullable Instant startDate;

    private @Nullable Instant endDate;

    private boolean autoRenew;

    private boolean cancelAtPeriodEnd;

    private @Nullable String provider;

    private @Nullable String mandateRef;

    private int renewalAttempts;

    private @Nullable Instant nextRenewalAt;

    private @Nullable Instant pastDueSince;

    private @Nullable Instant cancelledAt;

    private @Nullable String cancellationReason;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Subscription() {
    }

    static Subscription subscribe(Plan plan, UUID menteeId, Instant now) {
        if (!plan.active()) {
            throw ApiException.conflict("Plan " + plan.planId() + " is no longer offered");
        }
        if (plan.mentorId().equals(menteeId)) {
            throw ApiException.unprocessable("You cannot subscribe to your own plan");
        }
        Subscription subscription = new Subscription();
        subscription.subscriptionId = UUID.randomUUID();
        subscription.planId = plan.planId();
        subscription.menteeId = menteeId;
        subscription.mentorId = plan.mentorId();
        subscription.planType = plan.interval();
        subscription.priceMinor = plan.priceMinor();
        subscription.currency = plan.currency();
        subscription.sessionsIncluded = plan.sessionsIncluded();
        subscription.status = SubscriptionStatus.INCOMPLETE;
        subscription.autoRenew = true;
        subscription.createdAt = now;
        subscription.updatedAt = now;
        return subscription;
    }

    /** A charge succeeded: the first activates, a renewal starts the next period. */
    Change charged(Instant now, @Nullable String provider, @Nullable String mandateRef) {
        updatedAt = now;
        if (mandateRef != null) {
            this.mandateRef = mandateRef;
        }
        if (provider != null) {
            this.provider = provider;
        }
        switch (status) {
            case INCOMPLETE -> {
                status = SubscriptionStatus.ACTIVE;
                startDate = now;
                endDate = planType.after(now);
                nextRenewalAt = endDate;
                return Change.ACTIVATED;
            }
            case ACTIVE, PAST_DUE -> {
                Instant from = endDate != null && endDate.isAfter(now.minus(Duration.ofDays(1))) ? endDate : now;
                startDate = from;
                endDate = planType.after(from);
                nextRenewalAt = endDate;
                status = SubscriptionStatus.ACTIVE;
                renewalAttempts = 0;
                pastDueSince = null;
                return Change.RENEWED;
            }
            default -> {
                return Change.NONE;
            }
        }
    }

    /** A charge failed: the first leaves it incomplete (pay again); a renewal makes it past due, then cancelled. */
    Change chargeFailed(Instant now, Duration backoff, Duration grace) {
        updatedAt = now;
        if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE) {
            boolean first = status == SubscriptionStatus.ACTIVE;
            if (first) {
                pastDueSince = now;
                status = SubscriptionStatus.PAST_DUE;
            }
            renewalAttempts++;
            Instant next = now.plus(backoff.multipliedBy(1L << Math.min(renewalAttempts - 1, 10)));
            if (pastDueSince != null && !next.isBefore(pastDueSince.plus(grace))) {
                cancel(now, "payment_failed");
                return Change.CANCELLED;
            }
            nextRenewalAt = next;
            return first ? Change.PAST_DUE : Change.NONE;
        }
        return Change.NONE;
    }

    /** The mentee cancels: it runs to the end of the period paid for and does not renew. */
    Change cancelAtPeriodEnd(Instant now) {
        updatedAt = now;
        if (status == SubscriptionStatus.INCOMPLETE) {
            cancel(now, "cancelled_by_mentee");
            return Change.CANCELLED;
        }
        if (status == SubscriptionStatus.CANCELLED) {
            throw ApiException.conflict("The subscription is cancelled already");
        }
        autoRenew = false;
        cancelAtPeriodEnd = true;
        return Change.NONE;
    }

    /** Called when the period has ended: a subscription set to cancel now does. */
    boolean endsNow(Instant now) {
        if (cancelAtPeriodEnd && (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE)
                && endDate != null && !endDate.isAfter(now)) {
            cancel(now, "cancelled_by_mentee");
            return true;
        }
        return false;
    }

    /** A renewal charge is on its way: nothing is charged again until it settles (or the lease passes). */
    void renewalStarted(Instant now, Duration lease) {
        nextRenewalAt = now.plus(lease);
        updatedAt = now;
    }

    /** The first charge was paid through checkout, not the mandate. */
    void requireAwaitingFirstPayment(UUID by) {
        if (!menteeId.equals(by)) {
            throw ApiException.notFound("Subscription " + subscriptionId);
        }
        if (status != SubscriptionStatus.INCOMPLETE) {
            throw ApiException.conflict("Subscription " + subscriptionId + " is " + status.wireName() + ", not awaiting payment");
        }
    }

    private void cancel(Instant now, String reason) {
        status = SubscriptionStatus.CANCELLED;
        autoRenew = false;
        cancelledAt = now;
        cancellationReason = reason;
        nextRenewalAt = null;
    }

    boolean visibleTo(UUID userId) {
        return menteeId.equals(userId) || mentorId.equals(userId);
    }

    UUID subscriptionId() {
        return subscriptionId;
    }

    UUID planId() {
        return planId;
    }

    UUID menteeId() {
        return menteeId;
    }

    UUID mentorId() {
        return mentorId;
    }

    PlanInterval planType() {
        return planType;
    }

    long priceMinor() {
        return priceMinor;
    }

    String currency() {
        return currency;
    }

    int sessionsIncluded() {
        return sessionsIncluded;
    }

    SubscriptionStatus status() {
        return status;
    }

    @Nullable Instant startDate() {
        return startDate;
    }

    @Nullable Instant endDate() {
        return endDate;
    }

    boolean autoRenew() {
        return autoRenew;
    }

    boolean cancelAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    @Nullable String mandateRef() {
        return mandateRef;
    }

    @Nullable String provider() {
        return provider;
    }

    @Nullable Instant cancelledAt() {
        return cancelledAt;
    }

    @Nullable String cancellationReason() {
        return cancellationReason;
    }

    @Nullable Instant nextRenewalAt() {
        return nextRenewalAt;
    }

    Instant createdAt() {
        return createdAt;
    }
}
