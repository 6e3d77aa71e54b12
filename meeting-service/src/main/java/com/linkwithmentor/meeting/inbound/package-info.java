/**
 * The other services' events this one acts on, one {@code StreamSubscription} per stream (all of a
 * service's subscriptions share one consumer group, so a second subscription to a stream would
 * split its entries), each routing by event type and ignoring types and fields it does not know:
 * {@code events.users} (the mentor directory; suspensions), {@code events.moderation}
 * (suspensions), {@code events.payments} ({@code EscrowHeld}, {@code PaymentFailed}) and
 * {@code events.signaling} ({@code CallStarted}). Each handler runs in the consumer's transaction.
 */
@NullMarked
package com.linkwithmentor.meeting.inbound;

import org.jspecify.annotations.NullMarked;
