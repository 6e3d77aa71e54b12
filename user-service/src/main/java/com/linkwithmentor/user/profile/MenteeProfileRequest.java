package com.linkwithmentor.user.profile;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/** What a mentee may set about their learning. */
record MenteeProfileRequest(
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> learningGoals,
        @Nullable @Size(max = 30) List<@NotBlank @Size(max = 50) String> interests,
        @Nullable ExperienceLevel experienceLevel,
        @Nullable @Size(max = 5) List<SessionType> preferredSessionTypes) {

    enum ExperienceLevel {
        BEGINNER, INTERMEDIATE, ADVANCED;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static ExperienceLevel fromWire(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("experience_level", "experience_level must be beginner, intermediate or advanced");
            }
        }
    }

    enum SessionType {
        ONE_TIME, RECURRING, GROUP, LECTURE;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static SessionType fromWire(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("preferred_session_types",
                        "preferred_session_types entries must be one_time, recurring, group or lecture");
            }
        }
    }
}
