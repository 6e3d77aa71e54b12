package com.linkwithmentor.user.discovery;

import java.math.BigDecimal;
import java.util.Locale;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;

/** {@code GET /api/v1/mentors}: how mentees find a mentor. */
@RestController
@Validated
class MentorSearchController {

    private final MentorSearch search;

    MentorSearchController(MentorSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/mentors")
    MentorSearch.Page mentors(
            @RequestParam(name = "q", required = false) @Nullable @Size(max = 200) String text,
            @RequestParam(name = "specialization", required = false) @Nullable @Size(max = 50) String specialization,
            @RequestParam(name = "max_hourly_rate", required = false) @Nullable @DecimalMin("0") BigDecimal maxHourlyRate,
            @RequestParam(name = "min_rating", required = false) @Nullable @DecimalMin("0") @DecimalMax("5") BigDecimal minRating,
            @RequestParam(name = "accepting_mentees", required = false) @Nullable Boolean acceptingMentees,
            @RequestParam(name = "min_experience", required = false) @Nullable @Min(0) @Max(80) Integer minExperience,
            @RequestParam(name = "sort", required = false) @Nullable String sort,
            @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(MentorSearch.MAX_LIMIT) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 200) String cursor) {
        boolean hasText = text != null && !text.isBlank();
        MentorSearch.Sort order = sort == null ? (hasText ? MentorSearch.Sort.RELEVANCE : MentorSearch.Sort.RATING)
                : parseSort(sort);
        return search.search(new MentorSearch.Criteria(hasText ? text.trim() : null, specialization, maxHourlyRate,
                minRating, acceptingMentees, minExperience, order, limit, cursor));
    }

    private static MentorSearch.Sort parseSort(String sort) {
        try {
            return MentorSearch.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("sort", "sort must be relevance, rating or rate");
        }
    }
}
