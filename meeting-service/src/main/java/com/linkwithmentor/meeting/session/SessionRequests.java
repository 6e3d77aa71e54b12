package com.linkwithmentor.meeting.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** Request bodies of the sessions API; every string is refused with NUL or unpaired surrogates (see web.CleanStrings). */
final class SessionRequests {

    private SessionRequests() {
    }

    /**
     * {@code POST /api/v1/sessions}. As the active mentee: a booking of {@code mentor_id}'s slot
     * (optionally recurring). As the active mentor: a proposal to {@code mentee_id}.
     */
    record Create(@Nullable UUID mentorId, @Nullable UUID menteeId, @NotNull Instant scheduledStart,
            @NotNull Instant scheduledEnd, @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) @Nullable String description, @Valid @Nullable RecurrenceRequest recurrence) {
    }

    record RecurrenceRequest(@NotBlank @Size(max = 300) String rrule) {
    }

    enum Scope {
        THIS, THIS_AND_FOLLOWING
    }

    record Cancel(@Size(max = 500) @Nullable String reason, @Nullable Scope scope) {
    }

    record Reschedule(@NotNull Instant scheduledStart, @NotNull Instant scheduledEnd) {
    }
}
