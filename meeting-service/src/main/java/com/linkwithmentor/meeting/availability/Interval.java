package com.linkwithmentor.meeting.availability;

import java.time.Instant;

/** A half-open span of time {@code [start, end)}, as PostgreSQL's {@code tstzrange(..., '[)')}. */
public record Interval(Instant start, Instant end) {

    public boolean overlaps(Instant otherStart, Instant otherEnd) {
        return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }
}
