package com.linkwithmentor.meeting.mentor;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** The one user-service endpoint meeting-service reads, as an HTTP interface client. */
interface UserServiceApi {

    /** 404 when the user is not an active mentor. */
    @GetExchange("/api/v1/users/{user_id}/mentor-profile")
    MentorProfile mentorProfile(@PathVariable("user_id") UUID userId);

    /** The fields of user-service's MentorProfileView this service needs; the rest is ignored. */
    record MentorProfile(UUID userId, @Nullable BigDecimal hourlyRate, @Nullable String currency,
            boolean isAcceptingMentees) {
    }
}
