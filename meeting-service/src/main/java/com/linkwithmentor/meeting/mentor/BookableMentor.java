package com.linkwithmentor.meeting.mentor;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A mentor who may be booked now, with the rate a booking is priced at (none set: sessions are free). */
public record BookableMentor(UUID mentorId, @Nullable BigDecimal hourlyRate, String currency) {
}
