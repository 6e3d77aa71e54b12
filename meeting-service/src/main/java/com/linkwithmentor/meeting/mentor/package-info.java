/**
 * What meeting-service knows about the people it books: a local read copy of user-service's facts
 * (mentor role, accepting mentees, hourly rate and currency, suspension), kept from
 * {@code events.users} and, when the copy does not know a mentor yet, filled from user-service's
 * {@code GET /api/v1/users/{id}/mentor-profile} with meeting-service's own service token (scope
 * {@code users:read-profiles}), behind a timeout and a circuit breaker. Persistence: JdbcClient
 * (upserts on one table; nothing here is an aggregate).
 */
@NullMarked
package com.linkwithmentor.meeting.mentor;

import org.jspecify.annotations.NullMarked;
