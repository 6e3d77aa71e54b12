package com.linkwithmentor.meeting.mentor;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One user as the local copy knows them; {@code rolesKnown}/{@code profileKnown} say what an event told it. */
record DirectoryEntry(UUID userId, boolean rolesKnown, boolean isMentor, boolean profileKnown, boolean acceptingMentees,
        @Nullable BigDecimal hourlyRate, String currency, boolean suspended) {

    /** Enough to price and admit a booking without asking user-service. */
    boolean answersForMentor() {
        return suspended || (rolesKnown && (!isMentor || profileKnown));
    }
}
