package com.linkwithmentor.user.profile;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;

import tools.jackson.databind.JsonNode;

/**
 * Profiles: the general one (name, bio), the mentor profile (public to signed-in users) and the
 * mentee profile (its owner and admins only). Only the owner or an admin writes.
 */
@RestController
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    record ProfileRequest(@Nullable @Size(max = 100) String displayName, @Nullable @Size(max = 5000) String bio,
            @Nullable JsonNode paymentPreferences) {
    }

    @GetMapping("/api/v1/profiles/{user_id}")
    ProfileRepository.GeneralProfile general(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        ProfileRepository.GeneralProfile profile = profiles.general(userId);
        if (caller.is(userId) || caller.isAdmin()) {
            return profile;
        }
        return new ProfileRepository.GeneralProfile(userId, profile.displayName(), profile.bio(), null);
    }

    @PutMapping("/api/v1/profiles/{user_id}")
    ProfileRepository.GeneralProfile updateGeneral(@PathVariable("user_id") UUID userId,
            @Valid @RequestBody ProfileRequest request, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return profiles.updateGeneral(userId, request.displayName(), request.bio(), request.paymentPreferences());
    }

    /** Any signed-in user, and services with {@code users:read-profiles} (meeting-service reads rates). */
    @GetMapping("/api/v1/users/{user_id}/mentor-profile")
    @RequireScope(value = "users:read-profiles", users = true)
    MentorProfileView mentor(@PathVariable("user_id") UUID userId) {
        return profiles.mentor(userId);
    }

    @PutMapping("/api/v1/users/{user_id}/mentor-profile")
    MentorProfileView updateMentor(@PathVariable("user_id") UUID userId, @Valid @RequestBody MentorProfileRequest request,
            CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return profiles.updateMentor(userId, request);
    }

    @GetMapping("/api/v1/users/{user_id}/mentee-profile")
    MenteeProfileView mentee(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return profiles.mentee(userId);
    }

    @PutMapping("/api/v1/users/{user_id}/mentee-profile")
    MenteeProfileView updateMentee(@PathVariable("user_id") UUID userId, @Valid @RequestBody MenteeProfileRequest request,
            CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return profiles.updateMentee(userId, request);
    }
}
