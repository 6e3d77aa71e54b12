package com.linkwithmentor.meeting.session;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.meeting.availability.Availabilities;
import com.linkwithmentor.meeting.availability.AvailabilityRules;
import com.linkwithmentor.meeting.availability.BusyTimes;
import com.linkwithmentor.meeting.availability.Interval;
import com.linkwithmentor.meeting.mentor.BookableMentor;
import com.linkwithmentor.meeting.mentor.MentorDirectory;
import com.linkwithmentor.meeting.web.DatabaseRefusals;
import com.linkwithmentor.meeting.web.Params;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creating sessions and giving them a new time: bookings (one slot or a recurring series, all or
 * none), proposals, accepting or declining them, rescheduling. Each runs as one transaction that
 * first takes both participants' advisory locks, ends their lapsed payment holds, checks the
 * mentor's rules, then writes; the exclusion constraints have the last word on overlaps.
 * The mentor's rate is looked up before the transaction, so a slow user-service never holds locks.
 */
@Service
class BookingService {

    private static final int MIN_PROPOSAL_MINUTES = 15;

    private static final int MAX_PROPOSAL_MINUTES = 480;

    private final SessionRepository sessions;

    private final SessionSeries series;

    private final SessionLocks locks;

    private final IdempotencyKeys keys;

    private final MentorDirectory directory;

    private final Availabilities availabilities;

    private final BusyTimes busy;

    private final BookingProperties properties;

    private final TransactionTemplate transactions;

    private final JsonMapper json;

    private final Clock clock;

    BookingService(SessionRepository sessions, SessionSeries series, SessionLocks locks, IdempotencyKeys keys,
            MentorDirectory directory, Availabilities availabilities, BusyTimes busy, BookingProperties properties,
            PlatformTransactionManager transactionManager, JsonMapper json, Clock clock) {
        this.sessions = sessions;
        this.series = series;
        this.locks = locks;
        this.keys = keys;
        this.directory = directory;
        this.availabilities = availabilities;
        this.busy = busy;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    /** What a create request produced: one session, or the occurrences of a series. */
    record Created(List<Session> sessions, @Nullable UUID seriesId, boolean replayed) {
    }

    /** A mentee books a mentor's slot, or a series of them (all booked or none, conflicts named). */
    Created book(CurrentUser caller, SessionRequests.Create request, @Nullable String idempotencyKey) {
        caller.requireActiveRole(Role.MENTEE);
        String key = IdempotencyKeys.validKey(idempotencyKey);
        UUID mentorId = request.mentorId();
        if (mentorId == null) {
            throw ApiException.badRequest("mentor_id", "Field 'mentor_id' is required to book a session");
        }
        if (request.menteeId() != null && !caller.is(request.menteeId())) {
            throw ApiException.forbidden("A mentee books sessions for themselves");
        }
        if (caller.is(mentorId)) {
            throw ApiException.badRequest("mentor_id", "You cannot book a session with yourself");
        }
        Instant now = clock.instant();
        Instant start = futureStart(request.scheduledStart(), now);
        Instant end = endAfter(start, request.scheduledEnd());
        Duration length = Duration.between(start, end);
        BookableMentor mentor = directory.requireBookable(mentorId);
        AvailabilityRules rules = availabilities.requireRules(mentorId);
        if (!rules.offersLength(length)) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "This mentor offers sessions of " + rules.sessionLengthsMinutes()
                    + " minutes", Map.of("field", "scheduled_end", "reason", "length_not_offered"));
        }
        List<Recurrence.Occurrence> occurrences = request.recurrence() == null
                ? List.of(new Recurrence.Occurrence(start, end))
                : Recurrence.expand(request.recurrence().rrule(), start, length, rules.zone(), properties.maxOccurrences(),
                        properties.maxSeriesSpan());
        Money price = price(mentor, length);
        String fingerprint = "book:" + json.writeValueAsString(request);
        return inTransaction(() -> {
            if (key != null) {
                Optional<IdempotencyKeys.Result> earlier = keys.claim(caller.id(), key, fingerprint);
                if (earlier.isPresent()) {
                    return replay(earlier.get());
                }
            }
            locks.lock(occurrences.stream().map(occurrence -> claim(mentorId, caller.id(), occurrence.start(), occurrence.end(),
                    rules.bufferBeforeMinutes(), rules.bufferAfterMinutes(), capped(rules, occurrence.start()))).toList());
            endLapsedHolds(mentorId, caller.id(), now);
            UUID seriesId = null;
            if (request.recurrence() == null) {
                requireSlot(rules, start, end, now);
                requireDayNotFull(mentorId, rules, start, end, now, null);
                requireNoOtherRole(mentorId, caller.id(), start, end, now);
            }
            else {
                requireSeriesFree(mentorId, caller.id(), rules, occurrences, now);
                seriesId = UUID.randomUUID();
                series.insert(seriesId, mentorId, caller.id(), Recurrence.normalise(request.recurrence().rrule()),
                        rules.zone(), now);
            }
            List<Session> created = new ArrayList<>();
            for (Recurrence.Occurrence occurrence : occurrences) {
                created.add(Session.book(new Session.Draft(UUID.randomUUID(), seriesId, mentorId, caller.id(),
                        request.title().strip(), blankToNull(request.description()), occurrence.start(), occurrence.end(),
                        rules.bufferBeforeMinutes(), rules.bufferAfterMinutes(), price), properties.paymentHold(), now));
            }
            saveRefusingOverlaps(created, Side.MENTEE);
            if (key != null) {
                keys.complete(caller.id(), key, seriesId != null ? new IdempotencyKeys.Result("series", seriesId)
                        : new IdempotencyKeys.Result("session", created.get(0).id()));
            }
            return new Created(created, seriesId, false);
        });
    }

    /** A mentor proposes a time to a mentee: it holds the time for both until answered. */
    Created propose(CurrentUser caller, SessionRequests.Create request, @Nullable String idempotencyKey) {
        caller.requireActiveRole(Role.MENTOR);
        String key = IdempotencyKeys.validKey(idempotencyKey);
        UUID menteeId = request.menteeId();
        if (menteeId == null) {
            throw ApiException.badRequest("mentee_id", "Field 'mentee_id' is required to propose a session");
        }
        if (request.mentorId() != null && !caller.is(request.mentorId())) {
            throw ApiException.forbidden("A mentor proposes sessions with themselves as the mentor");
        }
        if (caller.is(menteeId)) {
            throw ApiException.badRequest("mentee_id", "You cannot propose a session to yourself");
        }
        if (request.recurrence() != null) {
            throw ApiException.badRequest("recurrence", "A proposal is one session; a mentee books a recurring series");
        }
        Instant now = clock.instant();
        Instant start = futureStart(request.scheduledStart(), now);
        Instant end = endAfter(start, request.scheduledEnd());
        Duration length = Duration.between(start, end);
        if (length.toSeconds() % (15 * 60) != 0 || length.toMinutes() < MIN_PROPOSAL_MINUTES
                || length.toMinutes() > MAX_PROPOSAL_MINUTES) {
            throw ApiException.badRequest("scheduled_end", "A session lasts whole quarter hours, from 15 minutes to 8 hours");
        }
        if (directory.isSuspended(menteeId)) {
            throw ApiException.notFound("Mentee");
        }
        BookableMentor mentor = directory.requireMentor(caller.id());
        Optional<AvailabilityRules> rules = availabilities.rulesOf(caller.id());
        Money price = price(mentor, length);
        String fingerprint = "propose:" + json.writeValueAsString(request);
        return inTransaction(() -> {
            if (key != null) {
                Optional<IdempotencyKeys.Result> earlier = keys.claim(caller.id(), key, fingerprint);
                if (earlier.isPresent()) {
                    return replay(earlier.get());
                }
            }
            locks.lock(List.of(claim(caller.id(), menteeId, start, end, rules.map(AvailabilityRules::bufferBeforeMinutes).orElse(0),
                    rules.map(AvailabilityRules::bufferAfterMinutes).orElse(0), null)));
            endLapsedHolds(caller.id(), menteeId, now);
            requireNoOtherRole(caller.id(), menteeId, start, end, now);
            Session proposal = Session.propose(new Session.Draft(UUID.randomUUID(), null, caller.id(), menteeId,
                    request.title().strip(), blankToNull(request.description()), start, end,
                    rules.map(AvailabilityRules::bufferBeforeMinutes).orElse(0),
                    rules.map(AvailabilityRules::bufferAfterMinutes).orElse(0), price), now);
            saveRefusingOverlaps(List.of(proposal), Side.MENTOR);
            if (key != null) {
                keys.complete(caller.id(), key, new IdempotencyKeys.Result("session", proposal.id()));
            }
            return new Created(List.of(proposal), null, false);
        });
    }

    /** The mentee accepts a proposal; a repeat of an accepted one answers the same. */
    Session accept(CurrentUser caller, UUID sessionId) {
        caller.requireActiveRole(Role.MENTEE);
        return inTransaction(() -> {
            SessionLocks.Facts facts = factsFor(sessionId, caller.id());
            locks.lock(List.of(new SessionLocks.Claim(facts.mentorId(), facts.menteeId(), facts.blockedFrom(),
                    facts.blockedUntil(), facts.start(), facts.end(), null)));
            Session session = lockRow(sessionId);
            if (!caller.is(session.menteeId())) {
                throw ApiException.forbidden("Only the mentee answers a proposal");
            }
            if (session.accept(properties.paymentHold(), clock.instant())) {
                sessions.save(session);
            }
            return session;
        });
    }

    Session decline(CurrentUser caller, UUID sessionId) {
        caller.requireActiveRole(Role.MENTEE);
        return inTransaction(() -> {
            factsFor(sessionId, caller.id());
            Session session = lockRow(sessionId);
            if (!caller.is(session.menteeId())) {
                throw ApiException.forbidden("Only the mentee answers a proposal");
            }
            session.decline(caller.id(), clock.instant());
            return sessions.save(session);
        });
    }

    /** Either participant moves the session to another of the mentor's free slots of the same length. */
    Session reschedule(CurrentUser caller, UUID sessionId, SessionRequests.Reschedule request) {
        Instant now = clock.instant();
        Instant start = futureStart(request.scheduledStart(), now);
        Instant end = endAfter(start, request.scheduledEnd());
        return inTransaction(() -> {
            SessionLocks.Facts facts = factsFor(sessionId, caller.id());
            caller.requireActiveRole(facts.mentorId().equals(caller.id()) ? Role.MENTOR : Role.MENTEE);
            AvailabilityRules rules = availabilities.requireRules(facts.mentorId());
            locks.lock(List.of(claim(facts.mentorId(), facts.menteeId(), start, end, rules.bufferBeforeMinutes(),
                    rules.bufferAfterMinutes(), capped(rules, start))));
            endLapsedHolds(facts.mentorId(), facts.menteeId(), now);
            Session session = lockRow(sessionId);
            if (!Duration.between(start, end).equals(session.length())) {
                throw ApiException.badRequest("scheduled_end", "A rescheduled session keeps its length of "
                        + session.length().toMinutes() + " minutes (its price depends on it)");
            }
            requireSlot(rules, start, end, now);
            requireDayNotFull(session.mentorId(), rules, start, end, now, session);
            requireNoOtherRole(session.mentorId(), session.menteeId(), start, end, now);
            session.reschedule(start, end, rules.bufferBeforeMinutes(), rules.bufferAfterMinutes(), now,
                    properties.rescheduleNotice(), properties.maxReschedules());
            saveRefusingOverlaps(List.of(session), session.mentorId().equals(caller.id()) ? Side.MENTOR : Side.MENTEE);
            return session;
        });
    }

    // --- the steps ---

    /** The session's facts, if the user takes part in it: 404 to anyone else (ids cannot be probed). */
    private SessionLocks.Facts factsFor(UUID sessionId, UUID userId) {
        return locks.facts(sessionId).filter(facts -> facts.involves(userId))
            .orElseThrow(() -> ApiException.notFound("Session"));
    }

    private Session lockRow(UUID sessionId) {
        return sessions.findForUpdate(sessionId).orElseThrow(() -> ApiException.notFound("Session"));
    }

    private static SessionLocks.Claim claim(UUID mentorId, UUID menteeId, Instant start, Instant end, int bufferBefore,
            int bufferAfter, @Nullable LocalDate cappedDay) {
        return new SessionLocks.Claim(mentorId, menteeId, start.minus(Duration.ofMinutes(bufferBefore)),
                end.plus(Duration.ofMinutes(bufferAfter)), start, end, cappedDay);
    }

    /** The mentor's local date of a start, when their days are capped (then the day is locked too). */
    private static @Nullable LocalDate capped(AvailabilityRules rules, Instant start) {
        return rules.maxSessionsPerDay() == null ? null : start.atZone(rules.zone()).toLocalDate();
    }

    /** Unpaid holds of these two that ran out free their time now, rather than at the next sweep. */
    private void endLapsedHolds(UUID mentorId, UUID menteeId, Instant now) {
        List<UUID> lapsed = locks.lapsedHoldsOf(mentorId, menteeId, now);
        for (UUID id : lapsed) {
            sessions.findById(id).ifPresent(session -> {
                if (session.expireHold(now)) {
                    sessions.save(session);
                }
            });
        }
        if (!lapsed.isEmpty()) {
            sessions.flush();
        }
    }

    private void requireSlot(AvailabilityRules rules, Instant start, Instant end, Instant now) {
        String problem = slotProblem(rules, start, end, now);
        if (problem != null) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, describe(problem, rules),
                    Map.of("field", "scheduled_start", "reason", problem));
        }
    }

    private @Nullable String slotProblem(AvailabilityRules rules, Instant start, Instant end, Instant now) {
        if (start.isBefore(now.plus(rules.minNotice()))) {
            return "too_soon";
        }
        if (start.isAfter(now.plus(rules.horizon()))) {
            return "too_far";
        }
        if (!availabilities.grid().offers(rules, start, end)) {
            return "not_a_slot";
        }
        return null;
    }

    private static String describe(String problem, AvailabilityRules rules) {
        return switch (problem) {
            case "too_soon" -> "This mentor needs " + rules.minNoticeMinutes() + " minutes' notice for a booking";
            case "too_far" -> "This mentor takes bookings up to " + rules.horizonDays() + " days ahead";
            case "not_a_slot" -> "That time is not one of the mentor's slots (they start every 30 minutes within "
                    + "the mentor's available hours)";
            default -> "That time cannot be booked";
        };
    }

    private void requireDayNotFull(UUID mentorId, AvailabilityRules rules, Instant start, Instant end, Instant now,
            @Nullable Session moving) {
        Integer max = rules.maxSessionsPerDay();
        if (max == null) {
            return;
        }
        ZoneId zone = rules.zone();
        LocalDate day = start.atZone(zone).toLocalDate();
        int count = busy.mentorSessionsPerDay(mentorId, zone, start, end, now).getOrDefault(day, 0);
        if (moving != null && moving.scheduledStart().atZone(zone).toLocalDate().equals(day)) {
            count--;
        }
        if (count >= max) {
            throw new ApiException(ErrorCode.CONFLICT, "This mentor takes at most " + max + " sessions on " + day,
                    Map.of("conflict", "day_full", "date", day.toString()));
        }
    }

    /** Every occurrence checked up front, so the answer names every date that cannot be had. */
    private void requireSeriesFree(UUID mentorId, UUID menteeId, AvailabilityRules rules,
            List<Recurrence.Occurrence> occurrences, Instant now) {
        Instant first = occurrences.get(0).start().minus(rules.bufferBefore()).minus(rules.bufferAfter());
        Instant last = occurrences.get(occurrences.size() - 1).end().plus(rules.bufferAfter()).plus(rules.bufferBefore());
        List<Interval> mentorBlocked = busy.mentorBlocked(mentorId, first, last, now);
        List<Interval> menteeBusy = busy.personBusy(menteeId, first, last, now);
        Map<LocalDate, Integer> perDay = rules.maxSessionsPerDay() != null
                ? new HashMap<>(busy.mentorSessionsPerDay(mentorId, rules.zone(), first, last, now)) : new HashMap<>();
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (int i = 0; i < occurrences.size(); i++) {
            Recurrence.Occurrence occurrence = occurrences.get(i);
            LocalDate day = occurrence.start().atZone(rules.zone()).toLocalDate();
            String reason = slotProblem(rules, occurrence.start(), occurrence.end(), now);
            if (reason == null) {
                Instant blockedFrom = occurrence.start().minus(rules.bufferBefore());
                Instant blockedUntil = occurrence.end().plus(rules.bufferAfter());
                if (mentorBlocked.stream().anyMatch(busyTime -> busyTime.overlaps(blockedFrom, blockedUntil))) {
                    reason = "mentor_busy";
                }
                else if (menteeBusy.stream().anyMatch(busyTime -> busyTime.overlaps(occurrence.start(), occurrence.end()))) {
                    reason = "mentee_busy";
                }
                else if (busy.inOtherRole(mentorId, menteeId, occurrence.start(), occurrence.end(), now)) {
                    reason = "in_another_role";
                }
                else if (rules.maxSessionsPerDay() != null && perDay.getOrDefault(day, 0) >= rules.maxSessionsPerDay()) {
                    reason = "day_full";
                }
            }
            if (reason != null) {
                Map<String, Object> conflict = new LinkedHashMap<>();
                conflict.put("occurrence", i + 1);
                conflict.put("date", day.toString());
                conflict.put("scheduled_start", occurrence.start().toString());
                conflict.put("reason", reason);
                conflicts.add(conflict);
            }
            else {
                perDay.merge(day, 1, Integer::sum);
            }
        }
        if (!conflicts.isEmpty()) {
            List<String> dates = conflicts.stream().map(c -> c.get("date") + " (" + c.get("reason") + ")").toList();
            throw new ApiException(ErrorCode.CONFLICT, conflicts.size() + " of the " + occurrences.size()
                    + " sessions cannot be booked, so none was: " + String.join(", ", dates), Map.of("conflicts", conflicts));
        }
    }

    private void requireNoOtherRole(UUID mentorId, UUID menteeId, Instant start, Instant end, Instant now) {
        if (busy.inOtherRole(mentorId, menteeId, start, end, now)) {
            throw new ApiException(ErrorCode.CONFLICT, "One of you is in another session at that time, in the other role",
                    Map.of("conflict", "in_another_role"));
        }
    }

    private enum Side {
        MENTOR, MENTEE
    }

    /** Writes now, so an overlap the constraints refuse is answered here as the 409 it is. */
    private void saveRefusingOverlaps(List<Session> toSave, Side caller) {
        try {
            sessions.saveAllAndFlush(toSave);
        }
        catch (DataIntegrityViolationException ex) {
            DatabaseRefusals.Refusal refusal = DatabaseRefusals.of(ex).orElseThrow(() -> ex);
            if (!DatabaseRefusals.EXCLUSION_VIOLATION.equals(refusal.sqlState())) {
                throw ex;
            }
            boolean mentorSide = "sessions_mentor_free".equals(refusal.constraint());
            String message = mentorSide
                    ? (caller == Side.MENTOR ? "You already have a session at that time (your buffers included)"
                            : "The mentor is already booked at that time (their buffers included)")
                    : (caller == Side.MENTEE ? "You already have a session at that time"
                            : "The mentee already has a session at that time");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("conflict", mentorSide ? "mentor_busy" : "mentee_busy");
            details.put("constraint", String.valueOf(refusal.constraint()));
            if (toSave.size() == 1) {
                details.put("scheduled_start", toSave.get(0).scheduledStart().toString());
            }
            throw new ApiException(ErrorCode.CONFLICT, message, details);
        }
    }

    private Created replay(IdempotencyKeys.Result earlier) {
        List<Session> found = "series".equals(earlier.kind()) ? sessions.series(earlier.id())
                : sessions.findById(earlier.id()).map(List::of).orElse(List.of());
        if (found.isEmpty()) {
            throw ApiException.notFound("Session");
        }
        return new Created(found, "series".equals(earlier.kind()) ? earlier.id() : null, true);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        T result = transactions.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("The transaction returned nothing");
        }
        return result;
    }

    private static Money price(BookableMentor mentor, Duration length) {
        BigDecimal rate = mentor.hourlyRate();
        return rate == null ? new Money(BigDecimal.ZERO, mentor.currency()) : Money.forLength(rate, mentor.currency(), length);
    }

    private static Instant futureStart(Instant requested, Instant now) {
        Instant start = Params.bounded("scheduled_start", requested);
        if (!start.isAfter(now)) {
            throw ApiException.badRequest("scheduled_start", "Field 'scheduled_start' must be in the future");
        }
        return start;
    }

    private static Instant endAfter(Instant start, Instant requested) {
        Instant end = Params.bounded("scheduled_end", requested);
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("scheduled_end", "Field 'scheduled_end' must be after 'scheduled_start'");
        }
        if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
            throw ApiException.badRequest("scheduled_end", "A session lasts at most 24 hours");
        }
        return end;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
