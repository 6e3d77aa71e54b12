package com.linkwithmentor.payment.subscription;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.linkwithmentor.common.error.ApiException;

/** A mentor's subscription plan: weekly or monthly, a price, a number of sessions included. */
@Entity
@Table(name = "subscription_plans")
class Plan {

    @Id
    private UUID planId;

    private UUID mentorId;

    private String name;

    @Column(name = "plan_interval")
    private PlanInterval interval;

    private long priceMinor;

    private String currency;

    private int sessionsIncluded;

    private boolean active;

    private Instant createdAt;

    @Version
    private long version;

    protected Plan() {
    }

    static Plan offer(UUID mentorId, String name, PlanInterval interval, long priceMinor, String currency, int sessionsIncluded,
            Instant now) {
        Plan plan = new Plan();
        plan.planId = UUID.randomUUID();
        plan.mentorId = mentorId;
        plan.name = name;
        plan.interval = interval;
        plan.priceMinor = priceMinor;
        plan.currency = currency;
        plan.sessionsIncluded = sessionsIncluded;
        plan.active = true;
        plan.createdAt = now;
        return plan;
    }

    /** Stops new subscriptions; the ones running go on. */
    void withdraw(UUID by) {
        if (!mentorId.equals(by)) {
            throw ApiException.notFound("Plan " + planId);
        }
        active = false;
    }

    UUID planId() {
        return planId;
    }

    UUID mentorId() {
        return mentorId;
    }

    String name() {
        return name;
    }

    PlanInterval interval() {
        return interval;
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

    boolean active() {
        return active;
    }

    Instant createdAt() {
        return createdAt;
    }
}
