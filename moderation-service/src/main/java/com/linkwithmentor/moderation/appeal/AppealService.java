package com.linkwithmentor.moderation.appeal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.audit.AuditLog;
import com.linkwithmentor.moderation.enforcement.Enforcement;
import com.linkwithmentor.moderation.event.EventSource;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ModerationEventRepository;
import com.linkwithmentor.moderation.event.ReviewDecision;
import com.linkwithmentor.moderation.event.ReviewStatus;
import com.linkwithmentor.moderation.policy.PolicyStore;

/**
 * Appeals: the affected user files one per decision; an admin other than the user decides it.
 * Overturning on appeal goes through the same enforcement path as overturning from the queue
 * (strikes withdrawn, content cleared, sanctions lifted), and is audited like every admin action.
 */
@Service
class AppealService {

    private final AppealRepository appeals;

    private final ModerationEventRepository events;

    private final Enforcement enforcement;

    private final PolicyStore policies;

    private final AuditLog audit;

    private final Clock clock;

    AppealService(AppealRepository appeals, ModerationEventRepository events, Enforcement enforcement,
            PolicyStore policies, AuditLog audit, Clock clock) {
        this.appeals = appeals;
        this.events = events;
        this.enforcement = enforcement;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Appeal file(UUID userId, UUID eventId, String reason) {
        ModerationEvent event = events.find(eventId).filter(found -> found.userId().equals(userId))
            .orElseThrow(() -> ApiException.notFound("Moderation event"));
        if (event.action() == ModerationAction.REINSTATE) {
            throw ApiException.unprocessable("A reinstatement is in your favour; there is nothing to appeal");
        }
        if (event.reviewStatus() == ReviewStatus.OVERTURNED) {
            throw ApiException.conflict("This decision has already been overturned");
        }
        try {
            return appeals.insert(eventId, userId, reason);
        }
        catch (DuplicateKeyException ex) {
            throw ApiException.conflict("You have already appealed this decision");
        }
    }

    @Transactional
    Appeal decide(UUID appealId, ReviewDecision decision, String reason, UUID admin) {
        Appeal appeal = appeals.lock(appealId);
        if (appeal.userId().equals(admin)) {
            throw ApiException.forbidden("Admins cannot decide on their own appeal");
        }
        appeal.decide(decision, admin, reason, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event_id", appeal.eventId());
        details.put("user_id", appeal.userId());
        if (decision == ReviewDecision.OVERTURN) {
            Enforcement.Outcome outcome = enforcement.overturn(policies.current(), appeal.eventId(), admin,
                    "Appeal granted: " + reason, EventSource.APPEAL);
            if (outcome.sanction() != null) {
                details.put("reinstatement_event_id", outcome.sanction().eventId());
            }
        }
        else if (decision == ReviewDecision.UPHOLD) {
            ModerationEvent event = events.find(appeal.eventId()).orElseThrow();
            if (event.reviewStatus().open()) {
                // Denying the appeal of a flag still waiting in the queue decides the flag too.
                enforcement.uphold(policies.current(), event.eventId(), admin, "Appeal denied: " + reason);
            }
        }
        appeals.update(appeal);
        details.put("status", appeal.status().wireName());
        audit.record(admin, "appeal." + decision.wireName(), "appeal", appealId, reason, details);
        return appeal;
    }

    Appeal get(UUID appealId) {
        return appeals.find(appealId).orElseThrow(() -> ApiException.notFound("Appeal"));
    }
}
