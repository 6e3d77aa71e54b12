package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linkwithmentor.payment.ledger.Money;
import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/**
 * A seeded random schedule of what can happen to money, run concurrently against the real
 * payment-service and sandbox, with faults: duplicate, dropped, delayed and reordered webhooks,
 * a provider outage, a payment-service restart mid-flight, cancellations at each notice window
 * (refund 100/50/0 %), completions, no-shows, late payments, disputes, payouts that succeed or
 * fail. Afterwards it checks the ledger's invariants. The seed and the schedule are printed, so a
 * failing run can be replayed ({@code -Dlwm.invariant.seed=...}).
 */
final class LedgerInvariant {

    private static final Logger log = LoggerFactory.getLogger(LedgerInvariant.class);

    enum Fate {
        COMPLETE, COMPLETE_DISPUTED, CANCEL_EARLY, CANCEL_LATE, CANCEL_LAST_MINUTE, CANCEL_BEFORE_PAYMENT, MENTOR_NO_SHOW,
        MENTEE_NO_SHOW, PAYMENT_FAILS, EXPIRED_THEN_PAID, ABANDONED
    }

    record Planned(UUID sessionId, PaymentFleet.User mentor, PaymentFleet.User mentee, long amountMinor, Fate fate,
            boolean duplicateEvents, String disputeDecision) {
    }

    private final PaymentFleet fleet;

    private final long seed;

    private final int sessions;

    private final Random random;

    private final List<String> schedule = Collections.synchronizedList(new ArrayList<>());

    private final Map<UUID, Planned> planned = new ConcurrentHashMap<>();

    LedgerInvariant(PaymentFleet fleet, long seed, int sessions) {
        this.fleet = fleet;
        this.seed = seed;
        this.sessions = sessions;
        this.random = new Random(seed);
    }

    static long seed() {
        String given = System.getProperty("lwm.invariant.seed");
        return given != null ? Long.parseLong(given) : new Random().nextLong();
    }

    void note(String step) {
        schedule.add(step);
    }

    /** Runs the schedule and checks the invariants; on failure the seed and schedule are in the message. */
    void run() throws Exception {
        System.out.println("LedgerInvariant seed " + seed + " (" + sessions + " sessions); replay with -Dlwm.invariant.seed=" + seed);
        try {
            execute();
            quiesce();
            check();
        }
        catch (Throwable failure) {
            System.out.println("LedgerInvariant FAILED with seed " + seed + "; schedule:\n  " + String.join("\n  ", schedule));
            throw failure;
        }
        finally {
            fleet.normalBehaviour();
        }
        System.out.println("LedgerInvariant seed " + seed + " held: " + schedule.size() + " steps");
    }

    private void execute() throws Exception {
        List<PaymentFleet.User> mentors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PaymentFleet.User mentor = fleet.mentor();
            mentors.add(mentor);
            fleet.owners.payoutMethod(mentor.id(), "mentor" + i + "@okbank");
        }
        List<PaymentFleet.User> mentees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mentees.add(fleet.mentee());
        }
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("duplicate_webhooks", random.nextBoolean());
        faults.put("reorder_webhooks", random.nextBoolean());
        faults.put("fail_webhooks", random.nextInt(6));
        faults.put("webhook_delay_ms", random.nextInt(150));
        fleet.behave(faults);
        note("sandbox faults " + faults);

        Fate[] fates = Fate.values();
        for (int i = 0; i < sessions; i++) {
            Fate fate = fates[random.nextInt(fates.length)];
            long amount = 10_000 + random.nextInt(190_000);
            PaymentFleet.User mentor = mentors.get(random.nextInt(mentors.size()));
            PaymentFleet.User mentee = mentees.get(random.nextInt(mentees.size()));
            UUID sessionId = fleet.bookSession(mentor, mentee, Money.decimal(amount, "INR"));
            String decision = new String[] { "refund", "partial", "release" }[random.nextInt(3)];
            Planned plan = new Planned(sessionId, mentor, mentee, amount, fate, random.nextInt(4) == 0, decision);
            planned.put(sessionId, plan);
            note("session " + sessionId + " " + Money.decimal(amount, "INR") + " " + fate
                    + (plan.duplicateEvents() ? " +duplicate events" : "") + (fate == Fate.COMPLETE_DISPUTED ? " " + decision : ""));
        }
        int restartAt = random.nextInt(Math.max(1, sessions / 2)) + sessions / 4;
        int outageAt = random.nextInt(Math.max(1, sessions));
        note("restart after " + restartAt + " sessions started, provider outage after " + outageAt);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger started = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        List<Planned> order = new ArrayList<>(planned.values());
        Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i++) {
            Planned plan = order.get(i);
            running.add(pool.submit(() -> {
                int n = started.incrementAndGet();
                if (n == outageAt) {
                    outage();
                }
                if (n == restartAt) {
                    restart();
                }
                play(plan);
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get(8, TimeUnit.MINUTES);
        }
        pool.shutdown();
        redeliverSome();
        payouts(mentors);
    }

    private void outage() {
        note("provider down");
        fleet.behave(Map.of("down", true));
        Thread.ofVirtual().start(() -> {
            // The outage lasts while a few sessions go through checkout (processing, queued).
            await().pollDelay(Duration.ofMillis(1500 + random.nextInt(2000))).atMost(Duration.ofSeconds(10)).until(() -> true);
            note("provider up");
            fleet.behave(Map.of("down", false));
        });
    }

    private void restart() {
        note("payment-service restart");
        fleet.restart();
        note("payment-service back");
    }

    private void play(Planned plan) {
        Api api = fleet.api();
        UUID sessionId = plan.sessionId();
        JsonNode payment = retrying(() -> api.checkout(plan.mentee(), sessionId)).body();
        String txId = payment.path("tx_id").asString();
        switch (plan.fate()) {
            case ABANDONED -> {
            }
            case PAYMENT_FAILS -> {
                payer(txId, "failed");
                meeting(plan, "SessionExpired", Map.of("reason", "payment_failed"));
            }
            case EXPIRED_THEN_PAID -> {
                meeting(plan, "SessionExpired", Map.of("reason", "payment_timeout"));
                awaitCopy(sessionId, "expired");
                payer(txId, "succeeded");
            }
            case CANCEL_BEFORE_PAYMENT -> {
                meeting(plan, "SessionCancelled", Map.of("cancelled_by_role", "mentee", "refund_percent", 100, "was_paid", false));
                awaitCopy(sessionId, "cancelled");
                payer(txId, "succeeded");
            }
            default -> {
                payer(txId, "succeeded");
                awaitHeld(sessionId);
                switch (plan.fate()) {
                    case COMPLETE, COMPLETE_DISPUTED -> meeting(plan, "SessionCompleted", Map.of("actual_end", Instant.now().toString()));
                    case CANCEL_EARLY -> meeting(plan, "SessionCancelled", Map.of("cancelled_by_role", "mentee", "refund_percent", 100,
                            "was_paid", true));
                    case CANCEL_LATE -> meeting(plan, "SessionCancelled", Map.of("cancelled_by_role", "mentee", "refund_percent", 50,
                            "was_paid", true));
                    case CANCEL_LAST_MINUTE -> meeting(plan, "SessionCancelled", Map.of("cancelled_by_role", "mentee",
                            "refund_percent", 0, "was_paid", true));
                    case MENTOR_NO_SHOW -> meeting(plan, "SessionNoShow", Map.of("no_show_party", "mentor"));
                    case MENTEE_NO_SHOW -> meeting(plan, "SessionNoShow", Map.of("no_show_party", "mentee"));
                    default -> {
                    }
                }
                if (plan.fate() == Fate.COMPLETE_DISPUTED) {
                    dispute(plan);
                }
            }
        }
    }

    /** The payer settles the payment at the sandbox, once its gateway reference is known (it may be queued). */
    private void payer(String txId, String outcome) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> gatewayRef(txId) != null);
        fleet.pay(gatewayRef(txId), outcome);
        note("payer " + outcome + " " + txId);
    }

    private String gatewayRef(String txId) {
        return fleet.jdbc.sql("SELECT gateway_ref FROM transactions WHERE tx_id = ?::uuid").param(txId).query(String.class)
            .optional().orElse(null);
    }

    private void meeting(Planned plan, String type, Map<String, Object> fields) {
        Map<String, Object> payload = new LinkedHashMap<>(fields);
        payload.put("session_id", plan.sessionId().toString());
        payload.put("mentor_id", plan.mentor().id().toString());
        payload.put("mentee_id", plan.mentee().id().toString());
        fleet.publish("events.meetings", "meeting-service", type, plan.sessionId(), payload);
        if (plan.duplicateEvents()) {
            fleet.publish("events.meetings", "meeting-service", type, plan.sessionId(), payload);
        }
        note(type + " " + plan.sessionId() + " " + fields);
    }

    private void awaitCopy(UUID sessionId, String status) {
        await().atMost(Duration.ofMinutes(4)).until(() -> status.equals(fleet.jdbc.sql(
                "SELECT status FROM session_copies WHERE session_id = ?").param(sessionId).query(String.class).single()));
    }

    private void awaitHeld(UUID sessionId) {
        await().atMost(Duration.ofMinutes(4)).until(() -> fleet.jdbc.sql("SELECT count(*) FROM holds WHERE subject_id = ?")
            .param(sessionId).query(Long.class).single() == 1);
    }

    private void dispute(Planned plan) {
        await().atMost(Duration.ofMinutes(4)).until(() -> fleet.jdbc.sql(
                "SELECT count(*) FROM earnings WHERE subject_id = ?").param(plan.sessionId()).query(Long.class).single() == 1);
        Api api = fleet.api();
        JsonNode dispute = retrying(() -> api.post("/api/v1/payments/disputes", Map.of("session_id", plan.sessionId().toString(),
                "reason", "invariant run"), plan.mentee().token())).body();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", plan.disputeDecision());
        if (plan.disputeDecision().equals("partial")) {
            decision.put("refund_amount", Money.decimal(Math.max(1, plan.amountMinor() / 3), "INR"));
        }
        String key = UUID.randomUUID().toString();
        PaymentFleet.User admin = fleet.admin();
        String path = "/api/v1/payments/admin/disputes/" + dispute.path("dispute_id").asString() + "/decision";
        retrying(() -> api.postWithKey(path, decision, admin.token(), key));
        // The admin's client retries with the same key: replayed, not applied twice.
        assertThat(retrying(() -> api.postWithKey(path, decision, admin.token(), key)).header("Idempotent-Replayed")).isEqualTo("true");
        note("dispute " + plan.sessionId() + " decided " + decision);
    }

    private void redeliverSome() {
        JsonNode events = fleet.sandbox("GET", "/control/events", Map.of());
        int count = 0;
        for (JsonNode event : events) {
            if (random.nextInt(5) == 0 && count++ < 10) {
                fleet.sandbox("POST", "/control/events/" + event.path("event_id").asString() + "/redeliver", Map.of());
                note("redelivered " + event.path("type").asString() + " " + event.path("event_id").asString());
            }
        }
    }

    private void payouts(List<PaymentFleet.User> mentors) throws Exception {
        Api api = fleet.api();
        for (Planned plan : planned.values()) {
            fleet.jdbc.sql("UPDATE earnings SET available_at = now() - interval '1 second' WHERE subject_id = ? AND status = 'pending'")
                .param(plan.sessionId()).update();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> fleet.jdbc.sql(
                "SELECT count(*) FROM earnings WHERE status = 'pending' AND available_at <= now()").query(Long.class).single() == 0);
        String outcome = random.nextBoolean() ? "succeeded" : "failed";
        fleet.behave(Map.of("payout_outcome", outcome));
        note("payouts " + outcome);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Reply>> replies = new ArrayList<>();
        for (PaymentFleet.User mentor : mentors) {
            String key = UUID.randomUUID().toString();
            for (int i = 0; i < 2; i++) {
                replies.add(pool.submit(() -> api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), key)));
            }
            replies.add(pool.submit(() -> api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), null)));
        }
        for (Future<Reply> reply : replies) {
            assertThat(reply.get(2, TimeUnit.MINUTES).status()).isIn(201, 409);
        }
        pool.shutdown();
    }

    private Reply retrying(Supplier<Reply> call) {
        Reply[] last = new Reply[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
            last[0] = call.get();
            return last[0].status() / 100 == 2;
        });
        return last[0];
    }

    /** Everything in flight has landed: nothing queued for the provider, no webhook undelivered, all events consumed. */
    private void quiesce() {
        fleet.behave(Map.of("down", false, "fail_webhooks", 0));
        UUID marker = fleet.bookSession(fleet.mentor(), fleet.mentee(), "1.00");
        note("marker " + marker);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long queued = fleet.jdbc.sql("SELECT count(*) FROM provider_commands WHERE status = 'queued'").query(Long.class).single();
            long open = fleet.jdbc.sql("""
                    SELECT count(*) FROM transactions WHERE status IN ('pending', 'processing')
                    AND transaction_type IN ('refund', 'payout')""").query(Long.class).single();
            boolean delivered = fleet.sandbox("GET", "/control/events", Map.of()).findValuesAsString("state").stream()
                .noneMatch("pending"::equals);
            return queued == 0 && open == 0 && delivered;
        });
    }

    private long distinctEvents(UUID subject, String type) {
        return fleet.paymentEvents(subject).stream().filter(event -> event.path("type").asString().equals(type))
            .map(event -> event.path("event_id").asString()).distinct().count();
    }

    private long one(String sql, Object... params) {
        return fleet.jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private void check() {
        // 1. Every entry balances per currency; so does the whole ledger.
        assertThat(one("SELECT count(*) FROM (SELECT entry_id, currency FROM postings GROUP BY 1, 2 HAVING sum(amount_minor) <> 0) x"))
            .as("unbalanced entries").isZero();
        assertThat(one("SELECT count(*) FROM (SELECT currency FROM postings GROUP BY 1 HAVING sum(amount_minor) <> 0) x"))
            .as("ledger total per currency").isZero();
        // 2. Every account's balance is the sum of its postings.
        assertThat(one("""
                SELECT count(*) FROM accounts a WHERE a.balance_minor <> coalesce((SELECT sum(CASE a.normal_side WHEN 'debit'
                    THEN p.amount_minor ELSE -p.amount_minor END) FROM postings p WHERE p.account_id = a.account_id), 0)
                """)).as("accounts whose balance is not the sum of their postings").isZero();
        // 3. No account that must stay non-negative is negative.
        assertThat(one("SELECT count(*) FROM accounts WHERE non_negative AND balance_minor < 0")).isZero();
        // 4. The transactions view agrees with the ledger: clearing, refunds and payouts in flight.
        for (String provider : fleet.jdbc.sql("SELECT DISTINCT provider FROM transactions WHERE provider IS NOT NULL")
            .query(String.class).list()) {
            long expected = one("""
                    SELECT coalesce(sum(CASE WHEN transaction_type IN ('payment', 'subscription_charge') THEN amount_minor
                        ELSE -amount_minor END), 0) FROM transactions WHERE provider = ? AND currency = 'INR' AND status = 'succeeded'
                        AND transaction_type IN ('payment', 'subscription_charge', 'refund', 'payout')""", provider);
            assertThat(fleet.balance("provider_clearing:" + provider)).as("clearing of " + provider).isEqualTo(expected);
            assertThat(fleet.balance("refunds_in_flight:" + provider)).as("refunds in flight at " + provider).isEqualTo(one("""
                    SELECT coalesce(sum(amount_minor), 0) FROM transactions WHERE provider = ? AND transaction_type = 'refund'
                    AND status IN ('pending', 'processing')""", provider));
        }
        assertThat(one("SELECT count(*) FROM accounts WHERE kind = 'payouts_in_flight' AND balance_minor <> 0")).isZero();
        assertThat(one("""
                SELECT count(*) FROM accounts a JOIN holds h ON h.account_id = a.account_id
                WHERE (h.status = 'held' AND a.balance_minor <> h.amount_minor) OR (h.status <> 'held' AND a.balance_minor <> 0)
                """)).as("escrow accounts that disagree with their hold").isZero();
        // 5. Every session's money is held, released or refunded exactly once, as its fate says.
        for (Planned plan : planned.values()) {
            UUID s = plan.sessionId();
            String label = plan.fate() + " " + s;
            long paid = one("SELECT count(*) FROM transactions WHERE session_id = ? AND transaction_type = 'payment' AND status = 'succeeded'", s);
            long refunded = one("SELECT coalesce(sum(amount_minor), 0) FROM transactions WHERE session_id = ? AND transaction_type = 'refund' AND status = 'succeeded'", s);
            long released = one("SELECT coalesce(sum(amount_minor), 0) FROM transactions WHERE session_id = ? AND transaction_type = 'escrow_release'", s);
            long holds = one("SELECT count(*) FROM holds WHERE subject_id = ?", s);
            long stillHeld = one("SELECT count(*) FROM holds WHERE subject_id = ? AND status = 'held'", s);
            // Distinct events: the outbox relay may publish an event twice around a restart (same event id; consumers dedupe).
            assertThat(distinctEvents(s, "EscrowHeld")).as(label).isLessThanOrEqualTo(1);
            assertThat(distinctEvents(s, "EscrowReleased")).as(label).isLessThanOrEqualTo(1);
            assertThat(stillHeld).as(label + " still held").isZero();
            switch (plan.fate()) {
                case ABANDONED, PAYMENT_FAILS -> {
                    assertThat(paid).as(label).isZero();
                    assertThat(holds + refunded + released).as(label).isZero();
                }
                case COMPLETE, MENTEE_NO_SHOW, CANCEL_LAST_MINUTE -> {
                    assertThat(paid).as(label).isEqualTo(1);
                    assertThat(released).as(label).isEqualTo(plan.amountMinor());
                    assertThat(refunded).as(label).isZero();
                }
                case CANCEL_EARLY, MENTOR_NO_SHOW, EXPIRED_THEN_PAID, CANCEL_BEFORE_PAYMENT -> {
                    assertThat(paid).as(label).isEqualTo(1);
                    assertThat(refunded).as(label).isEqualTo(plan.amountMinor());
                    assertThat(released).as(label).isZero();
                }
                case CANCEL_LATE -> {
                    assertThat(refunded).as(label).isEqualTo(Money.share(plan.amountMinor(), 5_000));
                    assertThat(refunded + released).as(label).isEqualTo(plan.amountMinor());
                }
                case COMPLETE_DISPUTED -> {
                    assertThat(released).as(label).isEqualTo(plan.amountMinor());
                    long expectedRefund = switch (plan.disputeDecision()) {
                        case "refund" -> plan.amountMinor();
                        case "partial" -> Math.max(1, plan.amountMinor() / 3);
                        default -> 0;
                    };
                    assertThat(refunded).as(label).isEqualTo(expectedRefund);
                }
            }
        }
        // 6. What the sandbox says was paid is what the transactions view says.
        for (JsonNode op : fleet.sandbox("GET", "/control/operations", Map.of())) {
            if (!op.path("status").asString().equals("succeeded")) {
                continue;
            }
            String status = fleet.jdbc.sql("SELECT status FROM transactions WHERE tx_id = ?::uuid").param(op.path("reference").asString())
                .query(String.class).optional().orElse("missing");
            assertThat(status).as("transaction for sandbox " + op.path("object").asString() + " " + op.path("gateway_ref").asString())
                .isIn("succeeded", "reversed");
        }
    }
}
