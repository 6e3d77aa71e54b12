package com.linkwithmentor.moderation.enforcement;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.moderation.event.EventView;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyStore;

/** A user's standing (own or admin), and admins' direct sanctions and reinstatements. */
@RestController
class StandingController {

    private final Enforcement enforcement;

    private final PolicyStore policies;

    StandingController(Enforcement enforcement, PolicyStore policies) {
        this.enforcement = enforcement;
        this.policies = policies;
    }

    record SanctionRequest(
            @NotNull @Pattern(regexp = "warn|mute|suspend", message = "must be warn, mute or suspend") String action,
            @NotBlank @Size(max = 1000) String reason,
            @Nullable @Min(1) @Max(525_600) Integer durationMinutes) {
    }

    record ReinstateRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @GetMapping("/api/v1/moderation/users/{user_id}/standing")
    Enforcement.StandingView standing(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return enforcement.standing(policies.current(), userId);
    }

    @PostMapping("/api/v1/moderation/admin/users/{user_id}/sanctions")
    ResponseEntity<EventView> sanction(@PathVariable("user_id") UUID userId, @Valid @RequestBody SanctionRequest request,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        Policy.Sanction action = Policy.Sanction.valueOf(request.action().toUpperCase(Locale.ROOT));
        if ((action == Policy.Sanction.MUTE) != (request.durationMinutes() != null)) {
            throw ApiException.badRequest("duration_minutes", "A mute needs duration_minutes, and only a mute takes one");
        }
        Duration duration = request.durationMinutes() != null ? Duration.ofMinutes(request.durationMinutes()) : null;
        ModerationEvent event = enforcement.sanction(policies.current(), userId, action, duration, request.reason().strip(),
                caller.id());
        return ResponseEntity.created(URI.create("/api/v1/moderation/events/" + userId + "/" + event.eventId()))
            .body(EventView.of(event, true));
    }

    @PostMapping("/api/v1/moderation/admin/users/{user_id}/reinstate")
    EventView reinstate(@PathVariable("user_id") UUID userId, @Valid @RequestBody ReinstateRequest request,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        return EventView.of(enforcement.reinstate(policies.current(), userId, request.reason().strip(), caller.id()), true);
    }
}
