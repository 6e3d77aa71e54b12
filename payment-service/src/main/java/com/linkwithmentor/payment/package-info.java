/**
 * payment-service: the ledger of all money on the platform, escrow for sessions and courses,
 * refunds, disputes, mentor payouts, subscriptions, and the adapters to payment providers.
 *
 * <p>Persistence: {@code JdbcClient} where SQL does the work (the ledger's postings, the
 * transactions view, the provider command queue, idempotency keys, locking reads); Spring Data JPA
 * for the subscription aggregates (plans and subscriptions, loaded, changed by their own methods
 * and saved whole). The ledger's invariants (balanced entries, no negative balance where none is
 * allowed, append-only history, a hold resolved once) are database constraints, see
 * {@code db/migration/V1__ledger.sql}.
 *
 * <p>Features: {@code ledger} (accounts, journal entries, money), {@code provider} (the
 * {@code PaymentProvider} interface and the sandbox, Razorpay and Stripe adapters),
 * {@code transaction} (the user-facing view), {@code checkout}, {@code settlement} (webhooks, the
 * payment state machine, escrow, refunds, the durable provider queue, meeting and lecture events),
 * {@code payout}, {@code dispute}, {@code balance}, {@code subscription}, {@code reconciliation},
 * {@code idempotency}; {@code events} writes what this service tells others on {@code events.payments}.
 */
@NullMarked
package com.linkwithmentor.payment;

import org.jspecify.annotations.NullMarked;
