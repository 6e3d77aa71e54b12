package com.linkwithmentor.meeting.availability;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A bookable slot: UTC start and end, and the start in the mentor's local time with its offset. */
public record Slot(Instant start, Instant end, OffsetDateTime localStart) {
}
