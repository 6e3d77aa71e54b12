/**
 * Sessions: booking (a mentee takes a mentor's slot, alone or as a recurring series), proposals
 * (a mentor offers a time to a mentee), and each session's life from payment hold to completion,
 * cancellation with a refund policy held as data, rescheduling and no-shows. Every change is an
 * event on {@code events.meetings}, written through the outbox in the change's transaction.
 *
 * <p>Persistence: Spring Data JPA for the {@link com.linkwithmentor.meeting.session.Session}
 * aggregate, whose methods own every transition and record the event it causes (published on
 * save, written to the outbox by {@code SessionOutbox}); JdbcClient for the locking reads
 * (advisory locks on the two participants, {@code FOR UPDATE SKIP LOCKED} for the sweeper and for
 * lapsed holds), the refund policy table and idempotency keys. Double booking is refused by the
 * exclusion constraints of the sessions table; a refusal (SQLSTATE 23P01) is a 409 naming it.
 */
@NullMarked
package com.linkwithmentor.meeting.session;

import org.jspecify.annotations.NullMarked;
