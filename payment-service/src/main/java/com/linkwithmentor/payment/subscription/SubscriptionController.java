package com.linkwithmentor.payment.subscription;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.payment.checkout.CheckoutService;
import com.linkwithmentor.payment.idempotency.Idempotency;
import com.linkwithmentor.payment.ledger.Currencies;
import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.payment.support.CleanText;

/**
 * Plans (a mentor offers, anyone signed in reads a mentor's) and subscriptions (a mentee
 * subscribes, which opens the first charge's checkout at once; sees and cancels theirs; a mentor
 * sees their subscribers).
 */
@RestController
@Validated
class SubscriptionController {

    private final PlanRepository plans;

    private final SubscriptionRepository subscriptions;

    private final Subscriptions service;

    private final CheckoutService checkout;

    private final Idempotency idempotency;

    private final Currencies currencies;

    private final TransactionTemplate inTransaction;

    private final Clock clock;

    SubscriptionController(PlanRepository plans, SubscriptionRepository subscriptions, Subscriptions service,
            CheckoutService checkout, Idempotency idempotency, Currencies currencies, TransactionTemplate inTransaction,
            Clock clock) {
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.service = service;
        this.checkout = checkout;
        this.idempotency = idempotency;
        this.currencies = currencies;
        this.inTransaction = inTransaction;
        this.clock = clock;
    }

    record Price(@NotNull @Positive @Digits(integer = 10, fraction = 3) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a currency code like INR") String currency) {
    }

    record PlanRequest(@NotBlank @Size(max = 100) @CleanText String name, @NotNull PlanInterval interval,
            @NotNull @Valid Price price, @PositiveOrZero @Max(1000) int sessionsIncluded) {
    }

    record PlanView(UUID planId, UUID mentorId, String name, PlanInterval interval, Money price, int sessionsIncluded,
            boolean active, Instant createdAt) {

        static PlanView of(Plan plan) {
            return new PlanView(plan.planId(), plan.mentorId(), plan.name(), plan.interval(),
                    Money.ofMinor(plan.priceMinor(), plan.currency()), plan.sessionsIncluded(), plan.active(), plan.createdAt());
        }
    }

    record SubscribeRequest(@NotNull UUID planId,
            @Pattern(regexp = "upi|card", message = "must be upi or card") @Nullable String method) {
    }

    record SubscriptionView(UUID subscriptionId, UUID planId, UUID menteeId, UUID mentorId, PlanInterval planType, Money price,
            int sessionsIncluded, SubscriptionStatus status, @Nullable Instant startDate, @Nullable Instant endDate,
            boolean autoRenew, boolean cancelAtPeriodEnd, @Nullable Instant nextRenewalAt, @Nullable Instant cancelledAt,
            @Nullable String cancellationReason, Instant createdAt) {

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.subscriptionId(), s.planId(), s.menteeId(), s.mentorId(), s.planType(),
                    Money.ofMinor(s.priceMinor(), s.currency()), s.sessionsIncluded(), s.status(), s.startDate(), s.endDate(),
                    s.autoRenew(), s.cancelAtPeriodEnd(), s.nextRenewalAt(), s.cancelledAt(), s.cancellationReason(),
                    s.createdAt());
        }
    }

    record Subscribed(SubscriptionView subscription, CheckoutService.Checkout checkout) {
    }

    @PostMapping("/api/v1/subscriptions/plans")
    ResponseEntity<PlanView> offer(@Valid @RequestBody PlanRequest request, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        Money price = currencies.money("price", request.price().amount(), request.price().currency());
        Plan plan = plans.save(Plan.offer(caller.id(), request.name().strip(), request.interval(), price.minor(), price.currency(),
                request.sessionsIncluded(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/plans/" + plan.planId())).body(PlanView.of(plan));
    }

    @GetMapping("/api/v1/subscriptions/plans")
    List<PlanView> plans(CurrentUser caller, @RequestParam(name = "mentor_id", required = false) @Nullable UUID mentorId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return plans.findByMentorIdAndActiveTrueOrderByCreatedAtDesc(mentorId != null ? mentorId : caller.id(), Limit.of(limit))
            .stream().map(PlanView::of).toList();
    }

    @GetMapping("/api/v1/subscriptions/plans/{plan_id}")
    PlanView plan(@PathVariable("plan_id") UUID planId, CurrentUser caller) {
        return plans.findById(planId).filter(plan -> plan.active() || caller.is(plan.mentorId())).map(PlanView::of)
            .orElseThrow(() -> ApiException.notFound("Plan " + planId));
    }

    @DeleteMapping("/api/v1/subscriptions/plans/{plan_id}")
    PlanView withdraw(@PathVariable("plan_id") UUID planId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        return inTransaction.execute(status -> {
            Plan plan = plans.findById(planId).orElseThrow(() -> ApiException.notFound("Plan " + planId));
            plan.withdraw(caller.id());
            return PlanView.of(plans.save(plan));
        });
    }

    @PostMapping("/api/v1/subscriptions")
    ResponseEntity<String> subscribe(@Valid @RequestBody SubscribeRequest request, CurrentUser caller,
            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
        caller.requireActiveRole(Role.MENTEE);
        return idempotency.run(caller.id().toString(), key, "POST", "/api/v1/subscriptions", request, () -> {
            Subscription subscription;
            try {
                subscription = inTransaction.execute(status -> {
                    Plan plan = plans.findById(request.planId()).orElseThrow(() -> ApiException.notFound("Plan " + request.planId()));
                    return subscriptions.saveAndFlush(Subscription.subscribe(plan, caller.id(), clock.instant()));
                });
            }
            catch (DataIntegrityViolationException ex) {
                throw ApiException.conflict("You already have a subscription to this plan");
            }
            CheckoutService.Checkout first = checkout.forSubscription(caller.id(), subscription.subscriptionId(),
                    request.method() != null ? request.method() : "upi");
            return ResponseEntity.status(HttpStatus.CREATED).body(new Subscribed(SubscriptionView.of(subscription), first));
        });
    }

    @GetMapping("/api/v1/subscriptions")
    List<SubscriptionView> mine(CurrentUser caller, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<Subscription> found = caller.activeRole() == Role.MENTOR
                ? subscriptions.findByMentorIdOrderByCreatedAtDesc(caller.id(), Limit.of(limit))
                : subscriptions.findByMenteeIdOrderByCreatedAtDesc(caller.id(), Limit.of(limit));
        return found.stream().map(SubscriptionView::of).toList();
    }

    @GetMapping("/api/v1/subscriptions/{subscription_id}")
    SubscriptionView one(@PathVariable("subscription_id") UUID subscriptionId, CurrentUser caller) {
        return subscriptions.findById(subscriptionId).filter(s -> s.visibleTo(caller.id()) || caller.isAdmin())
            .map(SubscriptionView::of).orElseThrow(() -> ApiException.notFound("Subscription " + subscriptionId));
    }

    @PostMapping("/api/v1/subscriptions/{subscription_id}/cancel")
    SubscriptionView cancel(@PathVariable("subscription_id") UUID subscriptionId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTEE);
        return SubscriptionView.of(service.cancel(subscriptionId, caller.id()));
    }
}
