package com.linkwithmentor.meeting.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;

/**
 * A session's life after booking, whoever moves it: its participants over HTTP (start, complete,
 * no-show, cancel) and other services through their events (payment held or failed, a call
 * started, a user suspended). Each change locks the session row, lets the session decide, and
 * saves it (which writes its event to the outbox). An event about a session this service does not
 * know, or one that no longer applies, changes nothing.
 */
@Service
public class SessionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private static final Set<SessionStatus> HOLDING_TIME = Set.of(SessionStatus.PROPOSED, SessionStatus.PENDING_PAYMENT,
            SessionStatus.SCHEDULED);

    private final SessionRepository sessions;

    private final RefundPolicies policies;

    private final BookingProperties properties;

    private final Clock clock;

    SessionLifecycle(SessionRepository sessions, RefundPolicies policies, BookingProperties properties, Clock clock) {
        this.sessions = sessions;
        this.policies = policies;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Session start(CurrentUser caller, UUID sessionId) {
        Session session = asParticipant(sessionId, caller);
        session.start(caller.id(), clock.instant(), properties.startEarly());
        return sessions.save(session);
    }

    @Transactional
    Session complete(CurrentUser caller, UUID sessionId) {
        Session session = asParticipant(sessionId, caller);
        if (!caller.is(session.mentorId())) {
            throw ApiException.forbidden("Only the mentor completes a session");
        }
        session.complete(clock.instant());
        return sessions.save(session);
    }

    @Transactional
    Session reportNoShow(CurrentUser caller, UUID sessionId) {
        Session session = asParticipant(sessionId, caller);
        session.reportNoShow(caller.id(), clock.instant(), properties.noShowGrace());
        return sessions.save(session);
    }

    /** A cancellation and the sessions it covered (this one, or this and the rest of its series). */
    record Cancelled(Session session, Session.Cancellation cancellation, List<Cancelled> following, RefundPolicy policy) {
    }

    @Transactional
    Cancelled cancel(CurrentUser caller, UUID sessionId, SessionRequests.Cancel request) {
        Session session = asParticipant(sessionId, caller);
        CancelledBy side = session.sideOf(caller.id()).orElseThrow();
        RefundPolicy policy = policies.current();
        Instant now = clock.instant();
        String reason = request.reason() != null && !request.reason().isBlank() ? request.reason().strip()
                : "Cancelled by the " + side.name().toLowerCase(java.util.Locale.ROOT);
        Session.Cancellation cancellation = session.cancel(caller.id(), side, policy, reason, now);
        sessions.save(session);
        List<Cancelled> following = new ArrayList<>();
        if (request.scope() == SessionRequests.Scope.THIS_AND_FOLLOWING && session.seriesId() != null) {
            for (Session later : sessions.seriesFrom(session.seriesId(), session.scheduledStart())) {
                if (later.id().equals(session.id()) || !HOLDING_TIME.contains(later.status())) {
                    continue;
                }
                Session.Cancellation each = later.cancel(caller.id(), side, policy, reason, now);
                sessions.save(later);
                following.add(new Cancelled(later, each, List.of(), policy));
            }
        }
        return new Cancelled(session, cancellation, following, policy);
    }

    /** What cancelling now would refund the caller's side, for the caller to see before they cancel. */
    @Transactional(readOnly = true)
    Cancelled cancellationQuote(CurrentUser caller, UUID sessionId) {
        // Read without the row lock: a quote changes nothing, so it must not queue behind (or hold up)
        // a booking, payment or cancellation of the same session.
        Session session = participantCheck(sessions.findById(sessionId), caller);
        CancelledBy side = session.sideOf(caller.id()).orElseThrow();
        RefundPolicy policy = policies.current();
        return new Cancelled(session, session.cancellationAt(side, policy, clock.instant()), List.of(), policy);
    }

    /** The session, locked, if the caller takes part in it with the matching active role; 404 to anyone else. */
    private Session asParticipant(UUID sessionId, CurrentUser caller) {
        return participantCheck(sessions.findForUpdate(sessionId), caller);
    }

    private static Session participantCheck(Optional<Session> found, CurrentUser caller) {
        Session session = found.filter(s -> s.involves(caller.id()))
            .orElseThrow(() -> ApiException.notFound("Session"));
        caller.requireActiveRole(session.mentorId().equals(caller.id()) ? Role.MENTOR : Role.MENTEE);
        return session;
    }

    // --- other services' events; each runs in the consuming transaction ---

    /** payment-service holds the money ({@code EscrowHeld}). */
    public void paymentHeld(UUID sessionId) {
        sessions.findForUpdate(sessionId).ifPresent(session -> {
            if (session.confirmPayment(clock.instant())) {
                sessions.save(session);
            }
        });
    }

    /** payment-service could not take the money ({@code PaymentFailed}). */
    public void paymentFailed(UUID sessionId) {
        sessions.findForUpdate(sessionId).ifPresent(session -> {
            if (session.paymentFailed(clock.instant())) {
                sessions.save(session);
            }
        });
    }

    /** signaling-service started a call for the session ({@code CallStarted}). */
    public void callStarted(UUID sessionId, Collection<UUID> participants, @Nullable Instant startedAt) {
        Instant now = clock.instant();
        Instant at = startedAt != null && !startedAt.isAfter(now) && startedAt.isAfter(now.minusSeconds(3600)) ? startedAt : now;
        sessions.findForUpdate(sessionId).ifPresent(session -> {
            if (session.callStarted(participants, at, properties.startEarly())) {
                sessions.save(session);
            }
        });
    }

    /**
     * A user was suspended (by an admin in user-service, or by moderation): every session of theirs
     * still to come is cancelled by the platform, refunded in full to whoever paid.
     */
    public int userSuspended(UUID userId) {
        Instant now = clock.instant();
        RefundPolicy policy = policies.current();
        int cancelled = 0;
        for (Session upcoming : sessions.upcomingOf(userId, HOLDING_TIME, now)) {
            Session locked = sessions.findForUpdate(upcoming.id()).orElse(upcoming);
            if (!HOLDING_TIME.contains(locked.status()) || !locked.scheduledStart().isAfter(now)) {
                continue;
            }
            locked.cancelBySystem(policy, "A participant's account was suspended", now);
            sessions.save(locked);
            cancelled++;
        }
        if (cancelled > 0) {
            log.info("Cancelled {} upcoming sessions of suspended user {}", cancelled, userId);
        }
        return cancelled;
    }
}
