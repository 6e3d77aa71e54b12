package com.linkwithmentor.meeting.session;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * One mentorship session, the aggregate. Its methods are its transitions: each checks the rule,
 * changes the state and records the event it causes ({@link SessionEvent}, published when the
 * session is saved). Callers check who is asking (participant, active role); the session checks
 * when and from which status a change is allowed.
 *
 * <pre>
 * proposed ──accept──▶ pending_payment ──EscrowHeld──▶ scheduled ──start──▶ in_progress ──complete──▶ completed
 *    │ decline / lapse       │ hold lapses / PaymentFailed     │ (free: scheduled at once)   └─ one side absent ─▶ no_show
 *    ▼                       ▼                                 ├─ cancel ─▶ cancelled
 * declined / expired      expired                              └─ nobody came ─▶ no_show
 * </pre>
 */
@Entity
@Table(name = "sessions")
public class Session extends AbstractAggregateRoot<Session> {

    @Id
    @Column(name = "session_id")
    private UUID id;

    private @Nullable UUID seriesId;

    private UUID mentorId;

    private UUID menteeId;

    private String title;

    private @Nullable String description;

    @Convert(converter = WireEnums.Type.class)
    private SessionType sessionType;

    @Convert(converter = WireEnums.Origins.class)
    private Origin origin;

    @Convert(converter = WireEnums.Status.class)
    private SessionStatus status;

    private Instant scheduledStart;

    private Instant scheduledEnd;

    private int bufferBeforeMinutes;

    private int bufferAfterMinutes;

    private Instant blockedFrom;

    private Instant blockedUntil;

    private @Nullable Instant actualStart;

    private @Nullable Instant actualEnd;

    private @Nullable Instant mentorJoinedAt;

    private @Nullable Instant menteeJoinedAt;

    @Column(precision = 12, scale = 2)
    private BigDecimal priceAmount;

    private String priceCurrency;

    private @Nullable Instant holdExpiresAt;

    private @Nullable Instant paidAt;

    private int rescheduleCount;

    private int icsSequence;

    private @Nullable Instant cancelledAt;

    private @Nullable UUID cancelledBy;

    @Convert(converter = WireEnums.Canceller.class)
    private @Nullable CancelledBy cancelledByRole;

    private @Nullable String cancelReason;

    private @Nullable Integer refundPercent;

    @Convert(converter = WireEnums.Party.class)
    private @Nullable NoShowParty noShowParty;

    private @Nullable UUID noShowReportedBy;

    @Convert(converter = WireEnums.Expiry.class)
    private @Nullable ExpiryReason expiredReason;

    private Instant createdAt;

    private Instant updatedAt;

    /** Null until first saved, which is how Spring Data tells a new session (assigned id) from a stored one. */
    @Version
    private @Nullable Long version;

    protected Session() {
        this.id = new UUID(0, 0);
        this.mentorId = id;
        this.menteeId = id;
        this.title = "";
        this.sessionType = SessionType.ONE_TIME;
        this.origin = Origin.BOOKED;
        this.status = SessionStatus.PROPOSED;
        this.scheduledStart = Instant.EPOCH;
        this.scheduledEnd = Instant.EPOCH;
        this.blockedFrom = Instant.EPOCH;
        this.blockedUntil = Instant.EPOCH;
        this.priceAmount = BigDecimal.ZERO;
        this.priceCurrency = "INR";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    /** What a new session is made of, named rather than a run of positional arguments. */
    public record Draft(UUID id, @Nullable UUID seriesId, UUID mentorId, UUID menteeId, String title,
            @Nullable String description, Instant start, Instant end, int bufferBeforeMinutes, int bufferAfterMinutes,
            Money price) {
    }

    private Session(Draft draft, Origin origin, SessionStatus status, Instant at) {
        this();
        this.id = draft.id();
        this.seriesId = draft.seriesId();
        this.sessionType = draft.seriesId() != null ? SessionType.RECURRING : SessionType.ONE_TIME;
        this.mentorId = draft.mentorId();
        this.menteeId = draft.menteeId();
        this.title = draft.title();
        this.description = draft.description();
        this.origin = origin;
        this.status = status;
        this.bufferBeforeMinutes = draft.bufferBeforeMinutes();
        this.bufferAfterMinutes = draft.bufferAfterMinutes();
        place(draft.start(), draft.end());
        this.priceAmount = draft.price().amount();
        this.priceCurrency = draft.price().currency();
        this.createdAt = at;
        this.updatedAt = at;
    }

    /** A mentee's booking: held for payment for {@code hold}, or scheduled at once when free. */
    static Session book(Draft draft, Duration hold, Instant at) {
        Session session = new Session(draft, Origin.BOOKED, SessionStatus.PENDING_PAYMENT, at);
        session.awaitPayment(hold, at);
        session.registerEvent(session.booked());
        return session;
    }

    /** A mentor's proposal: it holds the time for both until the mentee answers or it starts. */
    static Session propose(Draft draft, Instant at) {
        Session session = new Session(draft, Origin.PROPOSED, SessionStatus.PROPOSED, at);
        session.registerEvent(new SessionEvent.Proposed(session.id, session.mentorId, session.menteeId,
                session.scheduledStart, session.scheduledEnd, session.price()));
        return session;
    }

    /** The mentee takes a proposal: from here it is a booking. False when it was accepted before (a retry). */
    boolean accept(Duration hold, Instant at) {
        if (origin == Origin.PROPOSED && (status == SessionStatus.PENDING_PAYMENT || status == SessionStatus.SCHEDULED)) {
            return false;
        }
        requireStatus("accept", SessionStatus.PROPOSED);
        if (!at.isBefore(scheduledStart)) {
            throw conflict("This proposal's time has passed", "proposal_lapsed");
        }
        awaitPayment(hold, at);
        touch(at);
        registerEvent(booked());
        return true;
    }

    void decline(UUID by, Instant at) {
        requireStatus("decline", SessionStatus.PROPOSED);
        status = SessionStatus.DECLINED;
        touch(at);
        registerEvent(new SessionEvent.Declined(id, mentorId, menteeId, by));
    }

    private void awaitPayment(Duration hold, Instant at) {
        if (price().isFree()) {
            status = SessionStatus.SCHEDULED;
            holdExpiresAt = null;
        }
        else {
            status = SessionStatus.PENDING_PAYMENT;
            holdExpiresAt = at.plus(hold);
        }
    }

    private SessionEvent.Booked booked() {
        return new SessionEvent.Booked(id, seriesId, mentorId, menteeId, scheduledStart, scheduledEnd, price(), status,
                holdExpiresAt);
    }

    /**
     * payment-service holds the mentee's money. A payment that lands after the session stopped
     * waiting for it (expired, or cancelled while paying) cannot be kept: the session ends as
     * cancelled by the platform with a full refund. False when nothing changed (a duplicate).
     */
    boolean confirmPayment(Instant at) {
        switch (status) {
            case PENDING_PAYMENT -> {
                status = SessionStatus.SCHEDULED;
                paidAt = at;
                holdExpiresAt = null;
                touch(at);
                registerEvent(new SessionEvent.Confirmed(id, mentorId, menteeId));
                return true;
            }
            case EXPIRED, CANCELLED -> {
                if (paidAt != null) {
                    return false;
                }
                String reason = status == SessionStatus.EXPIRED ? "payment_after_hold_expired" : "payment_after_cancellation";
                paidAt = at;
                status = SessionStatus.CANCELLED;
                if (cancelledAt == null) {
                    cancelledAt = at;
                    cancelledByRole = CancelledBy.SYSTEM;
                    cancelReason = reason;
                }
                refundPercent = 100;
                icsSequence++;
                touch(at);
                registerEvent(new SessionEvent.Cancelled(id, mentorId, menteeId, null, CancelledBy.SYSTEM, 100, reason, true));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** payment-service could not take the money: the hold ends now. */
    boolean paymentFailed(Instant at) {
        if (status != SessionStatus.PENDING_PAYMENT) {
            return false;
        }
        expire(ExpiryReason.PAYMENT_FAILED, at);
        return true;
    }

    /** The sweeper: an unpaid hold past its time frees the slot. */
    boolean expireHold(Instant at) {
        if (status != SessionStatus.PENDING_PAYMENT || holdExpiresAt == null || holdExpiresAt.isAfter(at)) {
            return false;
        }
        expire(ExpiryReason.PAYMENT_TIMEOUT, at);
        return true;
    }

    /** The sweeper: a proposal still unanswered when its time comes lapses. */
    boolean lapseProposal(Instant at) {
        if (status != SessionStatus.PROPOSED || scheduledStart.isAfter(at)) {
            return false;
        }
        expire(ExpiryReason.PROPOSAL_LAPSED, at);
        return true;
    }

    private void expire(ExpiryReason reason, Instant at) {
        status = SessionStatus.EXPIRED;
        expiredReason = reason;
        holdExpiresAt = null;
        touch(at);
        registerEvent(new SessionEvent.Expired(id, mentorId, menteeId, reason));
    }

    /**
     * A participant opens the session, from {@code early} before its start until its end; a second
     * participant joining a session in progress is recorded. True when the session started now.
     */
    boolean start(UUID by, Instant at, Duration early) {
        if (status == SessionStatus.IN_PROGRESS) {
            join(by, at);
            return false;
        }
        requireStatus("start", SessionStatus.SCHEDULED);
        Instant opens = scheduledStart.minus(early);
        if (at.isBefore(opens)) {
            throw new ApiException(ErrorCode.CONFLICT, "The session can be started from " + opens,
                    details("too_early", Map.of("opens_at", opens.toString())));
        }
        if (!at.isBefore(scheduledEnd)) {
            throw conflict("The session's time is over", "session_over");
        }
        status = SessionStatus.IN_PROGRESS;
        actualStart = at;
        join(by, at);
        touch(at);
        registerEvent(new SessionEvent.Started(id, at));
        return true;
    }

    /** A call for this session began (signaling-service): start it if it is due, and note who is in it. */
    boolean callStarted(Collection<UUID> participants, Instant at, Duration early) {
        boolean mine = participants.contains(mentorId) || participants.contains(menteeId);
        if (!mine) {
            return false;
        }
        if (status == SessionStatus.SCHEDULED && !at.isBefore(scheduledStart.minus(early)) && at.isBefore(scheduledEnd)) {
            UUID first = participants.contains(mentorId) ? mentorId : menteeId;
            start(first, at, early);
            participants.forEach(participant -> join(participant, at));
            return true;
        }
        if (status == SessionStatus.IN_PROGRESS) {
            participants.forEach(participant -> join(participant, at));
            touch(at);
            return true;
        }
        return false;
    }

    private void join(UUID by, Instant at) {
        if (by.equals(mentorId) && mentorJoinedAt == null) {
            mentorJoinedAt = at;
        }
        else if (by.equals(menteeId) && menteeJoinedAt == null) {
            menteeJoinedAt = at;
        }
    }

    /** The mentor closes a session in progress. */
    void complete(Instant at) {
        requireStatus("complete", SessionStatus.IN_PROGRESS);
        finish(at);
    }

    private void finish(Instant end) {
        status = SessionStatus.COMPLETED;
        actualEnd = end;
        touch(end);
        registerEvent(new SessionEvent.Completed(id, mentorId, menteeId, actualStart != null ? actualStart : scheduledStart,
                end));
    }

    /**
     * The sweeper, once a session is well past its end: one both joined completes (ending when it
     * was due to); one only one side joined is the other side's no-show; one nobody started within
     * {@code unstarted} after its end is recorded as the mentor's no-show (the mentee is refunded).
     */
    boolean finishOverdue(Instant at, Duration afterEnd, Duration unstarted) {
        if (status == SessionStatus.IN_PROGRESS && !at.isBefore(scheduledEnd.plus(afterEnd))) {
            if (mentorJoinedAt != null && menteeJoinedAt != null) {
                status = SessionStatus.COMPLETED;
                actualEnd = scheduledEnd;
                updatedAt = at;
                registerEvent(new SessionEvent.Completed(id, mentorId, menteeId,
                        actualStart != null ? actualStart : scheduledStart, scheduledEnd));
            }
            else {
                noShow(mentorJoinedAt == null ? NoShowParty.MENTOR : NoShowParty.MENTEE, null, at);
            }
            return true;
        }
        if (status == SessionStatus.SCHEDULED && !at.isBefore(scheduledEnd.plus(unstarted))) {
            noShow(NoShowParty.MENTOR, null, at);
            return true;
        }
        return false;
    }

    /** The participant who waited reports the other absent, from {@code grace} after the start. */
    void reportNoShow(UUID reporter, Instant at, Duration grace) {
        requireStatus("report a no-show for", SessionStatus.SCHEDULED, SessionStatus.IN_PROGRESS);
        Instant from = scheduledStart.plus(grace);
        if (at.isBefore(from)) {
            throw new ApiException(ErrorCode.CONFLICT, "A no-show can be reported from " + from,
                    details("too_early", Map.of("reportable_at", from.toString())));
        }
        NoShowParty absent = reporter.equals(mentorId) ? NoShowParty.MENTEE : NoShowParty.MENTOR;
        Instant joined = absent == NoShowParty.MENTOR ? mentorJoinedAt : menteeJoinedAt;
        if (joined != null) {
            throw new ApiException(ErrorCode.CONFLICT, "The other participant joined at " + joined,
                    details("other_joined", Map.of("joined_at", joined.toString())));
        }
        noShow(absent, reporter, at);
    }

    private void noShow(NoShowParty absent, @Nullable UUID reporter, Instant at) {
        status = SessionStatus.NO_SHOW;
        noShowParty = absent;
        noShowReportedBy = reporter;
        touch(at);
        registerEvent(new SessionEvent.NoShow(id, mentorId, menteeId, absent, reporter));
    }

    /** What a cancellation decided. */
    public record Cancellation(RefundPolicy.Rule rule, int refundPercent, boolean wasPaid, long noticeMinutes) {
    }

    /**
     * Cancels before the start: the policy's rule for who cancelled and how much notice they gave
     * decides the refund, which the event carries to payment-service.
     */
    Cancellation cancel(@Nullable UUID by, CancelledBy role, RefundPolicy policy, String reason, Instant at) {
        Cancellation decided = cancellationAt(role, policy, at);
        RefundPolicy.Rule rule = decided.rule();
        status = SessionStatus.CANCELLED;
        cancelledAt = at;
        cancelledBy = by;
        cancelledByRole = role;
        cancelReason = reason;
        refundPercent = rule.refundPercent();
        holdExpiresAt = null;
        icsSequence++;
        touch(at);
        registerEvent(new SessionEvent.Cancelled(id, mentorId, menteeId, by, role, rule.refundPercent(), reason,
                decided.wasPaid()));
        return decided;
    }

    /** What cancelling at this instant would decide, changing nothing: the quote a canceller is shown first. */
    Cancellation cancellationAt(CancelledBy role, RefundPolicy policy, Instant at) {
        requireStatus("cancel", SessionStatus.PROPOSED, SessionStatus.PENDING_PAYMENT, SessionStatus.SCHEDULED);
        if (!at.isBefore(scheduledStart)) {
            throw conflict("The session has begun; report a no-show instead of cancelling", "session_begun");
        }
        Duration notice = Duration.between(at, scheduledStart);
        RefundPolicy.Rule rule = policy.ruleFor(role, notice);
        return new Cancellation(rule, rule.refundPercent(), paidAt != null, notice.toMinutes());
    }

    /**
     * Moves the session to another time of the same length, up to {@code notice} before its
     * current start, at most {@code maxReschedules} times; the payment stays with it.
     */
    void reschedule(Instant start, Instant end, int newBufferBefore, int newBufferAfter, Instant at, Duration notice,
            int maxReschedules) {
        requireStatus("reschedule", SessionStatus.PENDING_PAYMENT, SessionStatus.SCHEDULED);
        if (at.isAfter(scheduledStart.minus(notice))) {
            throw conflict("A session can be rescheduled up to " + notice.toHours() + " hours before it starts",
                    "too_late_to_reschedule");
        }
        if (rescheduleCount >= maxReschedules) {
            throw conflict("This session has already been rescheduled " + rescheduleCount + " times, the most allowed",
                    "reschedule_limit");
        }
        if (!Duration.between(start, end).equals(length())) {
            throw ApiException.badRequest("scheduled_end", "A rescheduled session keeps its length of " + length().toMinutes()
                    + " minutes (its price depends on it)");
        }
        bufferBeforeMinutes = newBufferBefore;
        bufferAfterMinutes = newBufferAfter;
        place(start, end);
        rescheduleCount++;
        icsSequence++;
        touch(at);
        registerEvent(new SessionEvent.Rescheduled(id, scheduledStart, scheduledEnd, rescheduleCount));
    }

    /** The platform cancels (the user on either side was suspended): always a full refund to the payer. */
    Cancellation cancelBySystem(RefundPolicy policy, String reason, Instant at) {
        return cancel(null, CancelledBy.SYSTEM, policy, reason, at);
    }

    private void place(Instant start, Instant end) {
        this.scheduledStart = start;
        this.scheduledEnd = end;
        this.blockedFrom = start.minus(Duration.ofMinutes(bufferBeforeMinutes));
        this.blockedUntil = end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    private void touch(Instant at) {
        updatedAt = at;
    }

    private void requireStatus(String action, SessionStatus... allowed) {
        for (SessionStatus candidate : allowed) {
            if (candidate == status) {
                return;
            }
        }
        String article = status == SessionStatus.IN_PROGRESS || status == SessionStatus.EXPIRED ? "an " : "a ";
        throw new ApiException(ErrorCode.CONFLICT, "Cannot " + action + " " + article
                + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " session",
                details("wrong_status", Map.of()));
    }

    private ApiException conflict(String message, String reason) {
        return new ApiException(ErrorCode.CONFLICT, message, details(reason, Map.of()));
    }

    private Map<String, Object> details(String reason, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("session_id", id.toString());
        details.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        details.putAll(more);
        return details;
    }

    // --- reading ---

    /** The events recorded since the last save (which publishes and clears them). */
    List<SessionEvent> pendingEvents() {
        return domainEvents().stream().map(SessionEvent.class::cast).toList();
    }

    public UUID id() {
        return id;
    }

    public @Nullable UUID seriesId() {
        return seriesId;
    }

    public UUID mentorId() {
        return mentorId;
    }

    public UUID menteeId() {
        return menteeId;
    }

    public boolean involves(UUID userId) {
        return mentorId.equals(userId) || menteeId.equals(userId);
    }

    /** Which side of the session the user is on, if any. */
    public Optional<CancelledBy> sideOf(UUID userId) {
        return mentorId.equals(userId) ? Optional.of(CancelledBy.MENTOR)
                : menteeId.equals(userId) ? Optional.of(CancelledBy.MENTEE) : Optional.empty();
    }

    public String title() {
        return title;
    }

    public @Nullable String description() {
        return description;
    }

    public SessionType sessionType() {
        return sessionType;
    }

    public Origin origin() {
        return origin;
    }

    public SessionStatus status() {
        return status;
    }

    public Instant scheduledStart() {
        return scheduledStart;
    }

    public Instant scheduledEnd() {
        return scheduledEnd;
    }

    public Duration length() {
        return Duration.between(scheduledStart, scheduledEnd);
    }

    public @Nullable Instant actualStart() {
        return actualStart;
    }

    public @Nullable Instant actualEnd() {
        return actualEnd;
    }

    public Money price() {
        return new Money(priceAmount, priceCurrency);
    }

    public @Nullable Instant holdExpiresAt() {
        return holdExpiresAt;
    }

    public boolean paid() {
        return paidAt != null;
    }

    public int rescheduleCount() {
        return rescheduleCount;
    }

    public int icsSequence() {
        return icsSequence;
    }

    public @Nullable Instant cancelledAt() {
        return cancelledAt;
    }

    public @Nullable UUID cancelledBy() {
        return cancelledBy;
    }

    public @Nullable CancelledBy cancelledByRole() {
        return cancelledByRole;
    }

    public @Nullable String cancelReason() {
        return cancelReason;
    }

    public @Nullable Integer refundPercent() {
        return refundPercent;
    }

    public @Nullable NoShowParty noShowParty() {
        return noShowParty;
    }

    public @Nullable ExpiryReason expiredReason() {
        return expiredReason;
    }

    public @Nullable Instant mentorJoinedAt() {
        return mentorJoinedAt;
    }

    public @Nullable Instant menteeJoinedAt() {
        return menteeJoinedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
