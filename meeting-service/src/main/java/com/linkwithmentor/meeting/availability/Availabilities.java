package com.linkwithmentor.meeting.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;

/**
 * Availability as the rest of the service uses it: publishing it, reading its rules, and the
 * bookable slots it yields given what is already taken.
 */
@Service
public class Availabilities {

    private final AvailabilityRepository repository;

    private final BusyTimes busy;

    private final SlotGrid grid;

    private final Clock clock;

    private final Cache<UUID, Cached> cache = Caffeine.newBuilder().maximumSize(20_000)
        .expireAfterAccess(Duration.ofMinutes(30)).build();

    Availabilities(AvailabilityRepository repository, BusyTimes busy, SlotsProperties properties, Clock clock) {
        this.repository = repository;
        this.busy = busy;
        this.grid = new SlotGrid(properties.grid());
        this.clock = clock;
    }

    public SlotGrid grid() {
        return grid;
    }

    /**
     * The mentor's rules: the cached copy while the stored version is still the one it was read at
     * (one small query), else the aggregate read whole. Every booking and slot query starts here.
     */
    @Transactional(readOnly = true)
    public Optional<AvailabilityRules> rulesOf(UUID mentorId) {
        Optional<Long> version = repository.versionOf(mentorId);
        if (version.isEmpty()) {
            cache.invalidate(mentorId);
            return Optional.empty();
        }
        Cached cached = cache.getIfPresent(mentorId);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.rules());
        }
        return repository.findById(mentorId).map(availability -> {
            AvailabilityRules rules = availability.rules();
            cache.put(mentorId, new Cached(availability.version(), rules));
            return rules;
        });
    }

    private record Cached(long version, AvailabilityRules rules) {
    }

    /** The mentor's rules, or a 409 saying they have published none: nobody can book them yet. */
    @Transactional(readOnly = true)
    public AvailabilityRules requireRules(UUID mentorId) {
        return rulesOf(mentorId).orElseThrow(() -> new ApiException(com.linkwithmentor.common.error.ErrorCode.CONFLICT,
                "This mentor has not published any availability yet", Map.of("mentor_id", mentorId.toString(),
                        "reason", "no_availability")));
    }

    @Transactional
    AvailabilityView publish(UUID mentorId, AvailabilityRules rules) {
        Instant now = clock.instant();
        Availability availability = repository.findById(mentorId).orElse(null);
        if (availability == null) {
            availability = Availability.publish(mentorId, rules, now);
        }
        else {
            availability.replace(rules, now);
        }
        Availability saved = repository.save(availability);
        return AvailabilityView.of(mentorId, rules, saved.updatedAt());
    }

    @Transactional(readOnly = true)
    Optional<AvailabilityView> view(UUID mentorId) {
        return repository.findById(mentorId).map(a -> AvailabilityView.of(mentorId, a.rules(), a.updatedAt()));
    }

    /** Bookable slots of one length in {@code [from, to)}, minus the mentee's own sessions when one asks. */
    public List<Slot> bookableSlots(UUID mentorId, AvailabilityRules rules, Instant from, Instant to, Duration length,
            @Nullable UUID mentee) {
        Instant now = clock.instant();
        List<Slot> candidates = grid.candidates(rules, from, to, length);
        if (candidates.isEmpty()) {
            return candidates;
        }
        Instant first = candidates.get(0).start().minus(rules.bufferBefore()).minus(rules.bufferAfter());
        Instant last = candidates.get(candidates.size() - 1).end().plus(rules.bufferAfter()).plus(rules.bufferBefore());
        List<Interval> mentorBlocked = busy.mentorBlocked(mentorId, first, last, now);
        List<Interval> menteeBusy = mentee != null ? busy.personBusy(mentee, first, last, now) : List.of();
        Map<java.time.LocalDate, Integer> perDay = rules.maxSessionsPerDay() != null
                ? busy.mentorSessionsPerDay(mentorId, rules.zone(), first, last, now) : Map.of();
        return grid.bookable(candidates, rules, now, mentorBlocked, menteeBusy, perDay);
    }
}
