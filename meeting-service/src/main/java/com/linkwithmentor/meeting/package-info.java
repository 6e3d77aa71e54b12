/**
 * meeting-service. Persistence: Spring Data JPA for the two aggregates that are loaded, changed by
 * their own methods and saved whole ({@code availability.Availability}, {@code session.Session});
 * {@code JdbcClient} where SQL does the work (slot queries, locking reads with {@code FOR UPDATE
 * SKIP LOCKED} and advisory locks, the local user directory, notes, whiteboard write-back, feeds,
 * materials). Flyway owns the schema; Hibernate only validates it. Double booking is impossible
 * by two exclusion constraints in {@code V1__meetings.sql}, whatever the code does.
 */
@NullMarked
package com.linkwithmentor.meeting;

import org.jspecify.annotations.NullMarked;
