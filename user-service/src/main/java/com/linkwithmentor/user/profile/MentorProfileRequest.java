package com.linkwithmentor.user.profile;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** What a mentor may set; rating and session counts are earned, not written. */
record MentorProfileRequest(
        @Nullable @Size(max = 200) String headline,
        @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 50) String> specializations,
        @NotNull @DecimalMin("0.00") @DecimalMax("1000000.00") @Digits(integer = 8, fraction = 2) BigDecimal hourlyRate,
        @Nullable @Pattern(regexp = "[A-Za-z]{3}", message = "must be a 3-letter currency code") String currency,
        @Nullable JsonNode availability,
        @Nullable @Min(0) @Max(80) Integer yearsOfExperience,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> certifications,
        @Nullable Boolean isAcceptingMentees) {
}
