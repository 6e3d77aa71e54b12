package com.linkwithmentor.moderation.appeal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.web.PageCursor;
import com.linkwithmentor.moderation.event.EventView;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ModerationEventRepository;
import com.linkwithmentor.moderation.event.ReviewDecision;

/** Appeals: filed by the affected user, read by them or admins, decided by admins. */
@RestController
@Validated
class AppealController {

    private final AppealService appeals;

    private final AppealRepository repository;

    private final ModerationEventRepository events;

    AppealController(AppealService appeals, AppealRepository repository, ModerationEventRepository events) {
        this.appeals = appeals;
        this.repository = repository;
        this.events = events;
    }

    record AppealRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    record DecisionRequest(@NotNull ReviewDecision decision, @NotBlank @Size(max = 1000) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppealView(UUID appealId, UUID eventId, UUID userId, String reason, Appeal.Status status,
            @Nullable String decisionReason, @Nullable Instant decidedAt, Instant createdAt, @Nullable EventView event) {

        static AppealView of(Appeal appeal, @Nullable ModerationEvent event) {
            return new AppealView(appeal.appealId(), appeal.eventId(), appeal.userId(), appeal.reason(), appeal.status(),
                    appeal.decisionReason(), appeal.decidedAt(), appeal.createdAt(),
                    event != null ? EventView.of(event, true) : null);
        }
    }

    record AppealPage(List<AppealView> items, @Nullable String nextCursor) {
    }

    /** Where the previous page ended: its last appeal's creation time and id. */
    private record After(Instant createdAt, UUID appealId) {
    }

    @PostMapping("/api/v1/moderation/events/{event_id}/appeals")
    ResponseEntity<AppealView> file(@PathVariable("event_id") UUID eventId, @Valid @RequestBody AppealRequest request,
            CurrentUser caller) {
        Appeal appeal = appeals.file(caller.id(), eventId, request.reason().strip());
        return ResponseEntity.created(URI.create("/api/v1/moderation/appeals/" + appeal.appealId()))
            .body(AppealView.of(appeal, null));
    }

    @GetMapping("/api/v1/moderation/appeals/{appeal_id}")
    AppealView read(@PathVariable("appeal_id") UUID appealId, CurrentUser caller) {
        Appeal appeal = appeals.get(appealId);
        if (!appeal.userId().equals(caller.id()) && !caller.isAdmin()) {
            throw ApiException.notFound("Appeal");
        }
        return AppealView.of(appeal, null);
    }

    @GetMapping("/api/v1/moderation/admin/appeals")
    AppealPage list(@RequestParam(name = "status", defaultValue = "open") String status,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 300) String cursor,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        List<String> statuses = switch (status) {
            case "open" -> List.of("open", "escalated");
            case "escalated", "upheld", "overturned" -> List.of(status);
            case "all" -> List.of("open", "escalated", "upheld", "overturned");
            default -> throw ApiException.badRequest("status", "status must be open, escalated, upheld, overturned or all");
        };
        After after = cursor == null ? null : PageCursor.decode(cursor, 2,
                parts -> new After(PageCursor.instant(parts[0]), PageCursor.uuid(parts[1])));
        List<Appeal> found = repository.page(statuses, after != null ? after.createdAt() : null,
                after != null ? after.appealId() : null, limit + 1);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Appeal last = found.get(limit - 1);
            next = PageCursor.encode(last.createdAt(), last.appealId());
        }
        Map<UUID, ModerationEvent> byId = events.findAll(found.stream().map(Appeal::eventId).toList()).stream()
            .collect(Collectors.toMap(ModerationEvent::eventId, Function.identity()));
        return new AppealPage(found.stream().map(appeal -> AppealView.of(appeal, byId.get(appeal.eventId()))).toList(),
                next);
    }

    @PostMapping("/api/v1/moderation/admin/appeals/{appeal_id}/decision")
    AppealView decide(@PathVariable("appeal_id") UUID appealId, @Valid @RequestBody DecisionRequest request,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        Appeal appeal = appeals.decide(appealId, request.decision(), request.reason().strip(), caller.id());
        return AppealView.of(appeal, events.find(appeal.eventId()).orElse(null));
    }
}
