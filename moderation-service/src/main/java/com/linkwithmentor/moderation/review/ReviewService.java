package com.linkwithmentor.moderation.review;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.audit.AuditLog;
import com.linkwithmentor.moderation.enforcement.Enforcement;
import com.linkwithmentor.moderation.event.EventSource;
import com.linkwithmentor.moderation.event.EventView;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ModerationEventRepository;
import com.linkwithmentor.moderation.event.ReviewDecision;
import com.linkwithmentor.moderation.event.ReviewStatus;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyStore;
import com.linkwithmentor.moderation.policy.Severity;
import com.linkwithmentor.moderation.report.Report;
import com.linkwithmentor.moderation.report.ReportCase;
import com.linkwithmentor.moderation.report.ReportRepository;

/**
 * Admin decisions on the review queue. Each decision, its consequences (strikes, sanctions,
 * outbox events) and its audit entry commit together or not at all.
 */
@Service
class ReviewService {

    /** Escalated items go ahead of everything not escalated. */
    static final int ESCALATION_BUMP = 1000;

    private final ModerationEventRepository events;

    private final ReportRepository reports;

    private final Enforcement enforcement;

    private final PolicyStore policies;

    private final AuditLog audit;

    private final Clock clock;

    ReviewService(ModerationEventRepository events, ReportRepository reports, Enforcement enforcement,
            PolicyStore policies, AuditLog audit, Clock clock) {
        this.events = events;
        this.reports = reports;
        this.enforcement = enforcement;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result of a decision: the item's new state, and what it did to the user, if anything. */
    record Decided(String kind, UUID itemId, String status, @Nullable EventView outcome, @Nullable EventView sanction) {
    }

    @Transactional
    Decided decideContent(UUID eventId, ReviewDecision decision, String reason, UUID admin) {
        Policy policy = policies.current();
        // From the queue, a decision is final; reversing an upheld decision is what appeals are for.
        ModerationEvent current = events.find(eventId).orElseThrow(() -> ApiException.notFound("Moderation event"));
        if (current.reviewStatus() == ReviewStatus.UPHELD || current.reviewStatus() == ReviewStatus.OVERTURNED) {
            throw ApiException.conflict("This item has already been decided (" + current.reviewStatus().wireName()
                    + "); the user can appeal");
        }
        Enforcement.Outcome outcome = switch (decision) {
            case UPHOLD -> enforcement.uphold(policy, eventId, admin, reason);
            case OVERTURN -> enforcement.overturn(policy, eventId, admin, reason, EventSource.ADMIN);
            case ESCALATE -> {
                ModerationEvent event = events.lock(eventId);
                if (event.userId().equals(admin)) {
                    throw ApiException.forbidden("Admins cannot decide on their own moderation case");
                }
                event.escalate(admin, reason, clock.instant(), ESCALATION_BUMP);
                events.updateReview(event);
                yield new Enforcement.Outcome(event, null);
            }
        };
        ModerationEvent event = outcome.content();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user_id", event.userId());
        details.put("status", event.reviewStatus().wireName());
        if (outcome.sanction() != null) {
            details.put("sanction_event_id", outcome.sanction().eventId());
            details.put("sanction", outcome.sanction().action().wireName());
        }
        audit.record(admin, "review.content." + decision.wireName(), "moderation_event", eventId, reason, details);
        return new Decided("content", eventId, event.reviewStatus().wireName(), EventView.of(event, true),
                outcome.sanction() != null ? EventView.of(outcome.sanction(), true) : null);
    }

    @Transactional
    Decided decideReport(UUID caseId, ReviewDecision decision, String reason, @Nullable Severity severity,
            @Nullable List<Category> categories, UUID admin) {
        ReportCase reportCase = reports.lockCase(caseId);
        if (reportCase.reportedUserId().equals(admin)) {
            throw ApiException.forbidden("Admins cannot decide on their own moderation case");
        }
        Instant now = clock.instant();
        Enforcement.Outcome outcome = null;
        switch (decision) {
            case UPHOLD -> {
                if (reportCase.status() == ReportCase.Status.UPHELD || reportCase.status() == ReportCase.Status.OVERTURNED) {
                    throw ApiException.conflict("This report has already been decided (" + reportCase.status().wireName() + ")");
                }
                List<Category> violated = categories != null && !categories.isEmpty() ? List.copyOf(categories)
                        : reports.reportsIn(List.of(caseId)).stream().map(Report::reason).distinct().toList();
                outcome = enforcement.upholdReport(policies.current(), reportCase.reportedUserId(),
                        reportCase.targetType().wireName(), reportCase.targetId(), violated,
                        severity != null ? severity : Severity.MEDIUM, admin, reason);
                reportCase.uphold(admin, reason, outcome.content().eventId(), now);
            }
            case OVERTURN -> reportCase.overturn(admin, reason, now);
            case ESCALATE -> reportCase.escalate(admin, reason, now, ESCALATION_BUMP);
        }
        reports.updateCase(reportCase);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reported_user_id", reportCase.reportedUserId());
        details.put("target", reportCase.targetType().wireName() + ":" + reportCase.targetId());
        details.put("status", reportCase.status().wireName());
        if (outcome != null) {
            details.put("outcome_event_id", outcome.content().eventId());
            if (outcome.sanction() != null) {
                details.put("sanction", outcome.sanction().action().wireName());
            }
        }
        audit.record(admin, "review.report." + decision.wireName(), "report_case", caseId, reason, details);
        return new Decided("report", caseId, reportCase.status().wireName(),
                outcome != null ? EventView.of(outcome.content(), true) : null,
                outcome != null && outcome.sanction() != null ? EventView.of(outcome.sanction(), true) : null);
    }
}
