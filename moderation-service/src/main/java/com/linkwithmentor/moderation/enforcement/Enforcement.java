package com.linkwithmentor.moderation.enforcement;

import java.time.Clock;
import java.time.Duration;
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
import com.linkwithmentor.moderation.event.EventSource;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ModerationEventRepository;
import com.linkwithmentor.moderation.event.NewEvent;
import com.linkwithmentor.moderation.event.ReviewStatus;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * Turns decisions into a record and consequences. Every path writes the moderation events, the
 * user's standing and the outbox events in one transaction, and takes the user's standing lock
 * before counting strikes, so concurrent messages of one user cannot both cross (or both miss) a
 * step of the policy's ladder: strikes within the window → warn → mute → suspend.
 */
@Service
public class Enforcement {

    private final ModerationEventRepository events;

    private final StandingRepository standings;

    private final ModerationOutbox outbox;

    private final AuditLog audit;

    private final Clock clock;

    public Enforcement(ModerationEventRepository events, StandingRepository standings, ModerationOutbox outbox,
            AuditLog audit, Clock clock) {
        this.events = events;
        this.standings = standings;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** The analysed content: whose, which, and what reviewers should see of it. */
    public record Content(UUID userId, String contentId, String contentType, @Nullable String text,
            @Nullable Object context) {
    }

    /** What the policy made of it, once: the decision, why, where, and what it costs if it stands. */
    public record Judgement(Decision decision, Severity severity, List<Category> categories, List<Match> matches,
            int strikes, int priority, String reason) {
    }

    /** Analysed content that the policy flags or blocks. */
    public record ContentViolation(Content content, Judgement judgement) {
    }

    /** What a decision led to: the content event (if any) and the sanction it triggered (if any). */
    public record Outcome(@Nullable ModerationEvent content, @Nullable ModerationEvent sanction) {
    }

    /**
     * Records what analysis of one message led to: a flag or block (a block's strikes count at
     * once, a flag's wait for review) with the ladder applied, and a mute when the sender floods.
     */
    @Transactional
    public Outcome recordAnalysis(Policy policy, UUID userId, @Nullable ContentViolation violation, boolean flooding) {
        // A flag alone touches no strikes, so it needs no lock; strikes are counted only once the
        // lock is held, which keeps concurrent messages of one user in order even when it is taken late.
        Standing standing = flooding ? standings.lock(userId) : null;
        ModerationEvent content = null;
        ModerationEvent sanction = null;
        if (violation != null) {
            Judgement judgement = violation.judgement();
            Content analysed = violation.content();
            boolean block = judgement.decision() == Decision.BLOCK;
            ReviewStatus review = policy.review().queued().contains(judgement.decision()) ? ReviewStatus.PENDING
                    : ReviewStatus.NONE;
            content = events.insert(NewEvent.aboutContent(userId, analysed.contentId(), analysed.contentType())
                .decided(block ? ModerationAction.BLOCK : ModerationAction.FLAG, EventSource.ANALYSIS, judgement.reason(),
                        policy.version())
                .violating(judgement.severity(), judgement.categories())
                .evidence(judgement.matches(), analysed.text(), analysed.context())
                .strikes(judgement.strikes(), block && judgement.strikes() > 0)
                .review(review, judgement.priority())
                .build());
            outbox.contentFlagged(content);
            if (content.strikesActive()) {
                standing = standing != null ? standing : standings.lock(userId);
                sanction = applyLadder(policy, standing, content, EventSource.ANALYSIS);
            }
        }
        if (flooding && standing != null) {
            Policy.MessageRate rate = policy.behaviour().messageRate();
            ModerationEvent mute = impose(standing, Policy.Sanction.MUTE, clock.instant().plus(rate.muteFor()),
                    "Sent more than " + rate.maxMessages() + " messages within " + rate.window().toSeconds() + " s",
                    EventSource.BEHAVIOUR, rate.severity(), List.of(Category.SPAM), null, policy.version());
            if (mute != null) {
                sanction = mute;
            }
        }
        return new Outcome(content, sanction);
    }

    /** An admin upholds a queued decision: a flag's strikes start to count. */
    @Transactional
    public Outcome uphold(Policy policy, UUID eventId, UUID admin, String reason) {
        ModerationEvent event = events.lock(eventId);
        rejectOwnCase(event.userId(), admin);
        Standing standing = standings.lock(event.userId());
        boolean activated = event.uphold(admin, reason, clock.instant());
        events.updateReview(event);
        ModerationEvent sanction = activated ? applyLadder(policy, standing, event, EventSource.ADMIN) : null;
        return new Outcome(event, sanction);
    }

    /**
     * An admin overturns a decision (from the queue or on appeal): its strikes stop counting, the
     * content may be shown again, and a sanction that no longer holds is lifted.
     */
    @Transactional
    public Outcome overturn(Policy policy, UUID eventId, UUID admin, String reason, EventSource via) {
        ModerationEvent event = events.lock(eventId);
        rejectOwnCase(event.userId(), admin);
        Standing standing = standings.lock(event.userId());
        Instant now = clock.instant();
        event.overturn(admin, reason, now);
        events.updateReview(event);
        ModerationEvent reinstatement = null;
        if (event.action().aboutContent()) {
            outbox.contentCleared(event, reason);
            Integer threshold = standing.sanctionThreshold();
            if (threshold != null && events.activeStrikes(event.userId(), policy.ladder().window()) < threshold) {
                if (standing.restricted(now)) {
                    reinstatement = lift(standing, "A decision behind this sanction was overturned: " + reason, via,
                            policy.version());
                }
                else {
                    standing.withdrawWarning();
                    standings.update(standing);
                }
            }
        }
        else if (event.action() == ModerationAction.WARN) {
            if (event.eventId().equals(standing.sanctionEventId())) {
                standing.withdrawWarning();
                standings.update(standing);
            }
        }
        else if (event.eventId().equals(standing.sanctionEventId()) && standing.restricted(now)) {
            reinstatement = lift(standing, "Sanction overturned: " + reason, via, policy.version());
        }
        return new Outcome(event, reinstatement);
    }

    /**
     * An admin upholds a report: a block of the reported content (a warning when the report was
     * about the user), whose strikes count at once, and the ladder.
     */
    @Transactional
    public Outcome upholdReport(Policy policy, UUID userId, String targetType, String targetId,
            List<Category> categories, Severity severity, UUID admin, String reason) {
        rejectOwnCase(userId, admin);
        Standing standing = standings.lock(userId);
        int strikes = 0;
        int priority = 0;
        for (Category category : categories) {
            strikes = Math.max(strikes, policy.strikesFor(category, severity));
            priority = Math.max(priority, policy.priorityFor(category, severity));
        }
        boolean aboutUser = targetType.equals("user");
        ModerationEvent event = events.insert(NewEvent.aboutContent(userId, targetId, targetType)
            .decided(aboutUser ? ModerationAction.WARN : ModerationAction.BLOCK, EventSource.REPORT,
                    "Report upheld: " + reason, policy.version())
            .violating(severity, categories)
            .strikes(strikes, strikes > 0)
            .review(ReviewStatus.UPHELD, priority)
            .build());
        if (aboutUser) {
            if (standing.warn(String.valueOf(event.reason()), clock.instant())) {
                standing.imposedBy(event.eventId(), null);
                standings.update(standing);
            }
            outbox.sanctioned(event);
        }
        else {
            outbox.contentFlagged(event);
        }
        ModerationEvent sanction = event.strikesActive() ? applyLadder(policy, standing, event, EventSource.REPORT) : null;
        return new Outcome(event, sanction);
    }

    /** Enough different people reported a user: the user goes to the review queue. */
    @Transactional
    public ModerationEvent flagReportedUser(Policy policy, UUID userId, List<Category> categories, long reporters) {
        Severity severity = policy.behaviour().reportsReceived().severity();
        int strikes = 0;
        int priority = 0;
        for (Category category : categories) {
            strikes = Math.max(strikes, policy.strikesFor(category, severity));
            priority = Math.max(priority, policy.priorityFor(category, severity));
        }
        ModerationEvent event = events.insert(NewEvent.aboutContent(userId, userId.toString(), "user")
            .decided(ModerationAction.FLAG, EventSource.BEHAVIOUR, "Reported by " + reporters
                    + " different people within " + policy.behaviour().reportsReceived().window().toHours() + " h",
                    policy.version())
            .violating(severity, categories)
            .strikes(strikes, false)
            .review(ReviewStatus.PENDING, priority)
            .build());
        outbox.contentFlagged(event);
        return event;
    }

    /** An admin warns, mutes or suspends a user directly. */
    @Transactional
    public ModerationEvent sanction(Policy policy, UUID userId, Policy.Sanction action, @Nullable Duration duration,
            String reason, UUID admin) {
        rejectOwnCase(userId, admin);
        Standing standing = standings.lock(userId);
        Instant until = action == Policy.Sanction.MUTE && duration != null ? clock.instant().plus(duration) : null;
        ModerationEvent event = impose(standing, action, until, reason, EventSource.ADMIN, Severity.MEDIUM,
                List.of(Category.OTHER), null, policy.version());
        if (event == null) {
            throw ApiException.conflict("The user is already under an equal or heavier sanction");
        }
        audit.record(admin, "user.sanction", "user", userId, reason, details("action", action.name().toLowerCase(),
                "event_id", event.eventId(), "until", until));
        return event;
    }

    /** An admin lifts a mute or suspension. */
    @Transactional
    public ModerationEvent reinstate(Policy policy, UUID userId, String reason, UUID admin) {
        rejectOwnCase(userId, admin);
        Standing standing = standings.lock(userId);
        ModerationEvent event = lift(standing, reason, EventSource.ADMIN, policy.version());
        audit.record(admin, "user.reinstate", "user", userId, reason, details("event_id", event.eventId()));
        return event;
    }

    /** A user's standing and current strikes; read-only. */
    public record StandingView(UUID userId, Standing.Status status, @Nullable Instant mutedUntil, @Nullable String reason,
            int strikes, String strikeWindow) {
    }

    public StandingView standing(Policy policy, UUID userId) {
        Instant now = clock.instant();
        Standing standing = standings.find(userId)
            .orElseGet(() -> new Standing(userId, Standing.Status.GOOD, null, null, null, null));
        Standing.Status status = standing.effective(now);
        return new StandingView(userId, status, status == Standing.Status.MUTED ? standing.mutedUntil() : null,
                status == Standing.Status.GOOD ? null : standing.reason(),
                events.activeStrikes(userId, policy.ladder().window()), policy.ladder().window().toString());
    }

    private @Nullable ModerationEvent applyLadder(Policy policy, Standing standing, ModerationEvent cause,
            EventSource source) {
        int after = events.activeStrikes(cause.userId(), policy.ladder().window());
        int before = after - cause.strikes();
        Policy.Step step = policy.ladder().crossed(before, after);
        if (step == null) {
            return null;
        }
        Instant until = step.duration() != null ? clock.instant().plus(step.duration()) : null;
        String reason = after + " strikes within " + policy.ladder().window().toDays() + " days; latest: "
                + String.join(", ", cause.policyViolated().stream().map(Category::wireName).toList());
        return impose(standing, step.action(), until, reason, source, cause.severity(), cause.policyViolated(),
                step.strikes(), policy.version());
    }

    /** Applies a sanction unless an equal or heavier one is in force; returns its event or null. */
    private @Nullable ModerationEvent impose(Standing standing, Policy.Sanction sanction, @Nullable Instant until,
            String reason, EventSource source, Severity severity, List<Category> categories,
            @Nullable Integer threshold, String policyVersion) {
        Instant now = clock.instant();
        boolean applied = switch (sanction) {
            case WARN -> standing.warn(reason, now);
            case MUTE -> standing.mute(until != null ? until : now, reason, now);
            case SUSPEND -> standing.suspend(reason, now);
        };
        if (!applied) {
            return null;
        }
        ModerationAction action = switch (sanction) {
            case WARN -> ModerationAction.WARN;
            case MUTE -> ModerationAction.MUTE;
            case SUSPEND -> ModerationAction.SUSPEND;
        };
        ModerationEvent event = events.insert(NewEvent.aboutUser(standing.userId(), action, source, severity, categories,
                reason, sanction == Policy.Sanction.MUTE ? until : null, policyVersion));
        standing.imposedBy(event.eventId(), threshold);
        standings.update(standing);
        outbox.sanctioned(event);
        return event;
    }

    private ModerationEvent lift(Standing standing, String reason, EventSource source, String policyVersion) {
        Standing.Status lifted = standing.reinstate(clock.instant());
        standings.update(standing);
        ModerationEvent event = events.insert(NewEvent.aboutUser(standing.userId(), ModerationAction.REINSTATE, source,
                Severity.NONE, List.of(), reason, null, policyVersion));
        outbox.reinstated(event, lifted);
        return event;
    }

    /** Nobody moderates their own case. */
    private static void rejectOwnCase(UUID userId, UUID admin) {
        if (userId.equals(admin)) {
            throw ApiException.forbidden("Admins cannot decide on their own moderation case");
        }
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
