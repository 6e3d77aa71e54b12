package com.linkwithmentor.meeting.session;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.web.PageCursor;
import com.linkwithmentor.meeting.web.Params;

/**
 * The sessions API. Participants see and change their own sessions only (anyone else's id is a
 * 404); payment- and signaling-service read any session with a service token carrying
 * {@code meetings:read-sessions}.
 */
@RestController
class SessionController {

    private final BookingService bookings;

    private final SessionLifecycle lifecycle;

    private final SessionRepository sessions;

    SessionController(BookingService bookings, SessionLifecycle lifecycle, SessionRepository sessions) {
        this.bookings = bookings;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
    }

    /** A series booking's answer: its id and every occurrence. */
    record SeriesView(UUID seriesId, SessionType sessionType, int occurrences, Money totalPrice, List<SessionView> sessions) {
    }

    /**
     * As the active mentee: books {@code mentor_id}'s slot (or a series); as the active mentor:
     * proposes a time to {@code mentee_id}. 201 with the session (or the series); a retry with the
     * same {@code Idempotency-Key} and body answers the same, marked {@code Idempotent-Replayed}.
     */
    @PostMapping("/api/v1/sessions")
    ResponseEntity<?> create(@Valid @RequestBody SessionRequests.Create request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey, CurrentUser caller) {
        BookingService.Created created = caller.activeRole() == Role.MENTOR
                ? bookings.propose(caller, request, idempotencyKey)
                : bookings.book(caller, request, idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(201);
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (created.seriesId() == null) {
            Session session = created.sessions().get(0);
            return response.location(URI.create("/api/v1/sessions/" + session.id())).body(SessionView.of(session, caller.id()));
        }
        List<SessionView> views = created.sessions().stream().map(session -> SessionView.of(session, caller.id())).toList();
        Money total = new Money(views.stream().map(view -> view.price().amount()).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add), views.get(0).price().currency());
        return response.location(URI.create("/api/v1/sessions/" + views.get(0).sessionId()))
            .body(new SeriesView(created.seriesId(), SessionType.RECURRING, views.size(), total, views));
    }

    record Page(List<SessionView> sessions, @Nullable String nextCursor) {
    }

    /**
     * The caller's sessions as mentor or mentee ({@code as}, by default their active role), by
     * start time, filtered by {@code status} (comma-separated) and {@code [from, to)}.
     */
    @GetMapping("/api/v1/sessions")
    Page list(@RequestParam(name = "as", required = false) @Nullable String as,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @RequestParam(name = "limit", required = false) @Nullable String limit, CurrentUser caller) {
        Role side = as == null || as.isBlank() ? (caller.activeRole() == Role.MENTOR ? Role.MENTOR : Role.MENTEE)
                : Params.choice("as", as, AsRole.class) == AsRole.MENTOR ? Role.MENTOR : Role.MENTEE;
        Set<SessionStatus> statuses = EnumSet.noneOf(SessionStatus.class);
        if (status == null || status.isBlank()) {
            statuses.addAll(EnumSet.allOf(SessionStatus.class));
        }
        else {
            String[] names = status.split(",", 20);
            for (String name : names) {
                statuses.add(java.util.Objects.requireNonNull(Params.choice("status", name, SessionStatus.class)));
            }
        }
        Instant begin = Params.instant("from", from);
        Instant end = Params.instant("to", to);
        Instant lower = begin != null ? begin : Params.EARLIEST;
        Instant upper = end != null ? end : Params.LATEST;
        int size = Params.integer("limit", limit, 20, 1, 100);
        Instant afterStart = Params.EARLIEST.minusSeconds(1);
        UUID afterId = new UUID(0, 0);
        if (cursor != null && !cursor.isBlank()) {
            Object[] position = PageCursor.decode(cursor, 2, parts -> new Object[] {
                    Params.bounded("cursor", Instant.parse(parts[0])), UUID.fromString(parts[1]) });
            afterStart = (Instant) position[0];
            afterId = (UUID) position[1];
        }
        List<Session> found = side == Role.MENTOR
                ? sessions.pageAsMentor(caller.id(), statuses, lower, upper, afterStart, afterId, Limit.of(size + 1))
                : sessions.pageAsMentee(caller.id(), statuses, lower, upper, afterStart, afterId, Limit.of(size + 1));
        List<Session> page = found.size() > size ? found.subList(0, size) : found;
        String next = found.size() > size ? PageCursor.encode(page.get(size - 1).scheduledStart(), page.get(size - 1).id())
                : null;
        return new Page(page.stream().map(session -> SessionView.of(session, caller.id())).toList(), next);
    }

    /** Which side of their sessions a user lists. */
    enum AsRole {
        MENTOR, MENTEE
    }

    /** A participant's view, or any session for a service holding {@code meetings:read-sessions}. */
    @GetMapping("/api/v1/sessions/{session_id}")
    @RequireScope(value = "meetings:read-sessions", users = true)
    SessionView read(@PathVariable("session_id") UUID sessionId, Caller caller) {
        UUID viewer = caller instanceof CurrentUser user ? user.id() : null;
        Session session = sessions.findById(sessionId).filter(s -> viewer == null || s.involves(viewer))
            .orElseThrow(() -> ApiException.notFound("Session"));
        return SessionView.of(session, viewer);
    }

    @PostMapping("/api/v1/sessions/{session_id}/accept")
    SessionView accept(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return SessionView.of(bookings.accept(caller, sessionId), caller.id());
    }

    @PostMapping("/api/v1/sessions/{session_id}/decline")
    SessionView decline(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return SessionView.of(bookings.decline(caller, sessionId), caller.id());
    }

    @PostMapping("/api/v1/sessions/{session_id}/start")
    SessionView start(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return SessionView.of(lifecycle.start(caller, sessionId), caller.id());
    }

    @PostMapping("/api/v1/sessions/{session_id}/complete")
    SessionView complete(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return SessionView.of(lifecycle.complete(caller, sessionId), caller.id());
    }

    @PostMapping("/api/v1/sessions/{session_id}/no-show")
    SessionView noShow(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return SessionView.of(lifecycle.reportNoShow(caller, sessionId), caller.id());
    }

    @PostMapping("/api/v1/sessions/{session_id}/reschedule")
    SessionView reschedule(@PathVariable("session_id") UUID sessionId, @Valid @RequestBody SessionRequests.Reschedule request,
            CurrentUser caller) {
        return SessionView.of(bookings.reschedule(caller, sessionId, request), caller.id());
    }

    /** The refund decided for one session, with the rules it was decided by. */
    record RefundView(int percent, boolean wasPaid, CancelledBy cancelledByRole, long noticeMinutes,
            RefundPolicy.Rule rule, List<RefundPolicy.Rule> policy) {
    }

    record CancelledView(SessionView session, RefundView refund) {
    }

    record CancelResponse(SessionView session, RefundView refund, List<CancelledView> following) {
    }

    /** Cancels before the start; {@code scope: this_and_following} also cancels the rest of its series. */
    @PostMapping("/api/v1/sessions/{session_id}/cancel")
    CancelResponse cancel(@PathVariable("session_id") UUID sessionId,
            @Valid @RequestBody(required = false) SessionRequests.@Nullable Cancel request, CurrentUser caller) {
        SessionLifecycle.Cancelled cancelled = lifecycle.cancel(caller, sessionId,
                request != null ? request : new SessionRequests.Cancel(null, null));
        return new CancelResponse(SessionView.of(cancelled.session(), caller.id()), refund(cancelled),
                cancelled.following().stream().map(each -> new CancelledView(SessionView.of(each.session(), caller.id()),
                        refund(each))).toList());
    }

    /**
     * The refund cancelling now would give (the same rule as {@code cancel}, nothing changed); 409
     * when the session can no longer be cancelled.
     */
    @GetMapping("/api/v1/sessions/{session_id}/refund-quote")
    RefundView refundQuote(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        return refund(lifecycle.cancellationQuote(caller, sessionId));
    }

    private static RefundView refund(SessionLifecycle.Cancelled cancelled) {
        Session.Cancellation decision = cancelled.cancellation();
        CancelledBy by = decision.rule().cancelledBy();
        return new RefundView(decision.refundPercent(), decision.wasPaid(), by, decision.noticeMinutes(), decision.rule(),
                cancelled.policy().rulesFor(by));
    }
}
