package com.linkwithmentor.payment.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PlanRepository extends JpaRepository<Plan, UUID> {

    List<Plan> findByMentorIdAndActiveTrueOrderByCreatedAtDesc(UUID mentorId, Limit limit);
}

interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    List<Subscription> findByMenteeIdOrderByCreatedAtDesc(UUID menteeId, Limit limit);

    List<Subscription> findByMentorIdOrderByCreatedAtDesc(UUID mentorId, Limit limit);

    @Query("SELECT s.subscriptionId FROM Subscription s WHERE s.status IN :statuses AND s.nextRenewalAt <= :now")
    List<UUID> dueIds(List<SubscriptionStatus> statuses, Instant now, Limit limit);

    @Query("SELECT s.subscriptionId FROM Subscription s WHERE s.cancelAtPeriodEnd = true AND s.status IN :statuses AND s.endDate <= :now")
    List<UUID> endingIds(List<SubscriptionStatus> statuses, Instant now, Limit limit);
}
