package com.linkwithmentor.meeting.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.meeting.web.Params;

/**
 * A mentor publishes their availability (their own only, as the active mentor); any signed-in user
 * reads it and its bookable slots. A mentee asking sees slots that also fit their own calendar.
 */
@RestController
class AvailabilityController {

    private final Availabilities availabilities;

    private final SlotsProperties properties;

    private final Clock clock;

    AvailabilityController(Availabilities availabilities, SlotsProperties properties, Clock clock) {
        this.availabilities = availabilities;
        this.properties = properties;
        this.clock = clock;
    }

    @PutMapping("/api/v1/availability/{mentor_id}")
    AvailabilityView publish(@PathVariable("mentor_id") UUID mentorId, @Valid @RequestBody AvailabilityRequest request,
            CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        if (!caller.is(mentorId)) {
            throw ApiException.forbidden("You may only publish your own availability");
        }
        AvailabilityRules rules = request.toRules(clock.instant().atZone(AvailabilityRequest.zone(request.timezone())).toLocalDate());
        return availabilities.publish(mentorId, rules);
    }

    @GetMapping("/api/v1/availability/{mentor_id}")
    AvailabilityView read(@PathVariable("mentor_id") UUID mentorId, CurrentUser caller) {
        return availabilities.view(mentorId).orElseThrow(() -> ApiException.notFound("Availability"));
    }

    record SlotsView(UUID mentorId, String timezone, int durationMinutes, Instant from, Instant to, List<SlotView> slots) {
    }

    record SlotView(Instant start, Instant end, OffsetDateTime localStart) {
    }

    @GetMapping("/api/v1/availability/{mentor_id}/slots")
    SlotsView slots(@PathVariable("mentor_id") UUID mentorId, @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to,
            @RequestParam(name = "duration_minutes", required = false) @Nullable String durationMinutes, CurrentUser caller) {
        AvailabilityRules rules = availabilities.rulesOf(mentorId).orElseThrow(() -> ApiException.notFound("Availability"));
        Instant start = Params.instant("from", from);
        Instant begin = start != null ? start : clock.instant();
        Instant finish = Params.instant("to", to);
        Instant end = finish != null ? finish : begin.plus(Duration.ofDays(7));
        if (!end.isAfter(begin)) {
            throw ApiException.badRequest("to", "'to' must be after 'from'");
        }
        if (Duration.between(begin, end).compareTo(properties.maxRange()) > 0) {
            throw ApiException.badRequest("to", "One query covers at most " + properties.maxRange().toDays() + " days");
        }
        int minutes = Params.integer("duration_minutes", durationMinutes, rules.sessionLengthsMinutes().get(0), 1, 1440);
        if (!rules.sessionLengthsMinutes().contains(minutes)) {
            throw ApiException.badRequest("duration_minutes", "This mentor offers sessions of " + rules.sessionLengthsMinutes()
                    + " minutes");
        }
        UUID mentee = caller.activeRole() == Role.MENTEE && !caller.is(mentorId) ? caller.id() : null;
        List<SlotView> slots = availabilities.bookableSlots(mentorId, rules, begin, end, Duration.ofMinutes(minutes), mentee)
            .stream().map(slot -> new SlotView(slot.start(), slot.end(), slot.localStart())).toList();
        return new SlotsView(mentorId, rules.zone().getId(), minutes, begin, end, slots);
    }
}
