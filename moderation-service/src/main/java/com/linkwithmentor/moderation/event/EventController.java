package com.linkwithmentor.moderation.event;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.web.PageCursor;

/** A user's moderation record: the user sees their own, admins anyone's. */
@RestController
@Validated
class EventController {

    private final ModerationEventRepository events;

    EventController(ModerationEventRepository events) {
        this.events = events;
    }

    record EventPage(List<EventView> items, @Nullable String nextCursor) {
    }

    @GetMapping("/api/v1/moderation/events/{user_id}")
    EventPage list(@PathVariable("user_id") UUID userId,
            @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 200) String cursor,
            CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        UUID before = cursor == null ? null : PageCursor.decode(cursor, 1, parts -> PageCursor.uuid(parts[0]));
        List<ModerationEvent> found = events.forUser(userId, before, limit + 1);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = PageCursor.encode(found.get(limit - 1).eventId());
        }
        return new EventPage(found.stream().map(event -> EventView.of(event, caller.isAdmin())).toList(), next);
    }

    @GetMapping("/api/v1/moderation/events/{user_id}/{event_id}")
    EventView read(@PathVariable("user_id") UUID userId, @PathVariable("event_id") UUID eventId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        ModerationEvent event = events.find(eventId).filter(found -> found.userId().equals(userId))
            .orElseThrow(() -> ApiException.notFound("Moderation event"));
        return EventView.of(event, caller.isAdmin());
    }
}
