package com.linkwithmentor.common.sample;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;
import com.linkwithmentor.common.security.ServiceCaller;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.common.security.Role;

/** A minimal service built on common-lib, as every real service is, for common-lib's own tests. */
@SpringBootApplication
public class SampleApplication {

    /** A response the way services write them: a record whose names the wire spells in snake_case. */
    record SampleView(UUID sampleId, String displayName, boolean isActive, Instant issuedAt, @Nullable Integer hourlyRate) {
    }

    record CreateSample(@NotBlank @Size(max = 20) String displayName, @NotNull @Email String contactEmail,
            @Min(0) Integer hourlyRate) {
    }

    @RestController
    @RequestMapping("/api/v1/samples")
    static class SampleController {

        @PostMapping
        Map<String, Object> create(@Valid @RequestBody CreateSample body, CurrentUser user) {
            return Map.of("display_name", body.displayName(), "owner_id", user.id(), "active_role", user.activeRole());
        }

        @GetMapping("/public")
        @PublicEndpoint
        Map<String, String> publicInfo() {
            return Map.of("status", "open");
        }

        @GetMapping("/boom")
        Map<String, String> boom() {
            throw new IllegalStateException("secret internal detail: password=hunter2");
        }

        @GetMapping("/views/{sampleId}")
        SampleView view(@PathVariable UUID sampleId) {
            return new SampleView(sampleId, "Asha", true, Instant.parse("2026-01-01T00:00:00Z"), 500);
        }

        @PostMapping("/views")
        ResponseEntity<SampleView> createView(@Valid @RequestBody CreateSample body) {
            SampleView view = new SampleView(UUID.randomUUID(), body.displayName(), true, Instant.now(), body.hourlyRate());
            return ResponseEntity.created(URI.create("/api/v1/samples/views/" + view.sampleId())).body(view);
        }

        @DeleteMapping("/views/{sampleId}")
        ResponseEntity<Void> deleteView(@PathVariable UUID sampleId) {
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/{sampleId}")
        Map<String, String> read(@PathVariable UUID sampleId) {
            throw ApiException.notFound("Sample " + sampleId);
        }

        @GetMapping("/users/{userId}")
        Map<String, Object> privateData(@PathVariable UUID userId, CurrentUser user) {
            user.requireSelfOrAdmin(userId);
            return Map.of("user_id", userId);
        }

        @GetMapping("/internal")
        @RequireScope("samples:read")
        Map<String, Object> internal(ServiceCaller service) {
            return Map.of("client_id", service.clientId());
        }

        @GetMapping("/shared")
        @RequireScope(value = "samples:read", users = true)
        Map<String, Object> shared(Caller caller) {
            return Map.of("kind", caller instanceof ServiceCaller ? "service" : "user");
        }

        @PostMapping("/mentor-only")
        Map<String, Object> mentorOnly(CurrentUser user) {
            user.requireActiveRole(Role.MENTOR);
            return Map.of("ok", true);
        }
    }
}
