/**
 * Calendars: a private iCalendar feed per user ({@code GET /api/v1/calendar/{token}.ics}, public:
 * the token is the key, stored only as its SHA-256, rotatable by its owner) and one session's
 * {@code .ics}. Written with ical4j: stable UIDs, SEQUENCE raised by each reschedule and
 * cancellation, cancelled sessions STATUS:CANCELLED. Persistence: JdbcClient (one table).
 */
@NullMarked
package com.linkwithmentor.meeting.calendar;

import org.jspecify.annotations.NullMarked;
