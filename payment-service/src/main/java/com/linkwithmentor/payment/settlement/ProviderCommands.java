package com.linkwithmentor.payment.settlement;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.payment.PaymentProperties;
import com.linkwithmentor.payment.provider.PaymentProvider;
import com.linkwithmentor.payment.provider.ProviderRejectedException;
import com.linkwithmentor.payment.provider.ProviderUnavailableException;
import com.linkwithmentor.payment.provider.Providers;
import com.linkwithmentor.payment.transaction.Transactions;
import com.linkwithmentor.payment.transaction.Tx;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable queue of calls to providers (the seed's "queue payment requests for retry"). A
 * command is written in the transaction of the change that needs it; after that commits it is
 * sent at once, and if the provider is down (or its breaker open) it stays queued and is retried
 * with exponential back-off by any instance (a claim is a short lease, so two instances never send
 * one command at the same moment; the provider sees our transaction id as its reference, so even a
 * repeated send is one operation there). The user meanwhile sees the transaction as {@code processing}.
 */
@Component
public class ProviderCommands {

    private static final Logger log = LoggerFactory.getLogger(ProviderCommands.class);

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final Providers providers;

    private final Transactions transactions;

    private final ObjectProvider<PaymentStateMachine> stateMachine;

    private final TransactionTemplate inTransaction;

    private final PaymentProperties properties;

    private final Environment environment;

    private final Clock clock;

    private final ExecutorService afterCommit = Executors.newVirtualThreadPerTaskExecutor();

    ProviderCommands(JdbcClient jdbc, JsonMapper json, Providers providers, Transactions transactions,
            ObjectProvider<PaymentStateMachine> stateMachine, TransactionTemplate inTransaction, PaymentProperties properties,
            Environment environment, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.providers = providers;
        this.transactions = transactions;
        this.stateMachine = stateMachine;
        this.inTransaction = inTransaction;
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
    }

    /** The result of sending a command now. */
    public sealed interface Sent {
    }

    public record Opened(PaymentProvider.CreatedPayment payment) implements Sent {
    }

    public record Accepted(PaymentProvider.ProviderOperation operation) implements Sent {
    }

    public record Queued(String reason) implements Sent {
    }

    public record Rejected(String reason) implements Sent {
    }

    /**
     * Queues a command in the current transaction; unless {@code sendInline}, it is sent on another
     * thread once the transaction commits (the caller does not wait on the provider).
     */
    public UUID enqueue(UUID txId, CommandKind kind, String provider, Map<String, Object> payload, @Nullable Instant notBefore,
            boolean sendInline) {
        UUID commandId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO provider_commands (command_id, tx_id, kind, provider, payload, status, next_attempt_at)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), 'queued', coalesce(?, now()))
                """).params(commandId, txId, kind.wireName(), provider, json.writeValueAsString(payload),
                        notBefore != null ? java.sql.Timestamp.from(notBefore) : null)
            .update();
        if (!sendInline && notBefore == null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.execute(() -> {
                        try {
                            send(commandId);
                        }
                        catch (RuntimeException ex) {
                            log.warn("Sending command {} failed; the queue retries it: {}", commandId, ex.toString());
                        }
                    });
                }
            });
        }
        return commandId;
    }

    /** Sends one command now if it is due and unclaimed; what happened. */
    public Sent send(UUID commandId) {
        Optional<Command> claimed = claim(commandId);
        if (claimed.isEmpty()) {
            return new Queued("already being sent");
        }
        return deliver(claimed.get());
    }

    /** Retries what is due; a fresh command is left a moment to the sender that queued it (checkout waits on it). */
    @Scheduled(fixedDelayString = "${lwm.payments.queue.poll-interval:500ms}")
    void sendDue() {
        List<UUID> due = jdbc.sql("""
                SELECT command_id FROM provider_commands WHERE status = 'queued' AND next_attempt_at <= clock_timestamp()
                AND (attempts > 0 OR created_at < clock_timestamp() - interval '2 seconds')
                ORDER BY next_attempt_at LIMIT :batch
                """).param("batch", properties.queue().batch()).query(UUID.class).list();
        for (UUID commandId : due) {
            try {
                send(commandId);
            }
            catch (RuntimeException ex) {
                log.warn("Command {} failed a round: {}", commandId, ex.toString());
            }
        }
    }

    /** How many commands wait for a provider (for tests and health). */
    public long queued() {
        return jdbc.sql("SELECT count(*) FROM provider_commands WHERE status = 'queued'").query(Long.class).single();
    }

    private Optional<Command> claim(UUID commandId) {
        return jdbc.sql("""
                UPDATE provider_commands SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :lease)
                WHERE command_id = :id AND status = 'queued' AND next_attempt_at <= clock_timestamp()
                RETURNING command_id, tx_id, kind, provider, payload::text AS payload, attempts
                """).param("lease", LEASE.toSeconds()).param("id", commandId)
            .query((rs, n) -> new Command(rs.getObject("command_id", UUID.class), rs.getObject("tx_id", UUID.class),
                    CommandKind.fromWire(rs.getString("kind")), rs.getString("provider"), json.readTree(rs.getString("payload")),
                    rs.getInt("attempts")))
            .optional();
    }

    private Sent deliver(Command command) {
        Tx tx = transactions.find(command.txId()).orElseThrow();
        try {
            Sent sent = switch (command.kind()) {
                case CREATE_PAYMENT -> new Opened(providers.call(command.provider(), p -> p.createPayment(paymentOrder(tx, command))));
                case MANDATE_CHARGE -> new Opened(providers.call(command.provider(), p -> p.chargeMandate(
                        new PaymentProvider.MandateCharge(tx.txId(), command.payload().path("mandate_ref").asString(),
                                tx.amountMinor(), tx.currency(), tx.sourceUserId(), notifyUrl(command.provider())))));
                case REFUND -> new Accepted(providers.call(command.provider(), p -> p.refund(new PaymentProvider.RefundOrder(
                        tx.txId(), command.payload().path("payment_ref").asString(),
                        command.payload().path("provider_payment_id").isString()
                                ? command.payload().path("provider_payment_id").asString() : null,
                        tx.amountMinor(), tx.currency(), notifyUrl(command.provider())))));
                case PAYOUT -> new Accepted(providers.call(command.provider(), p -> p.payout(new PaymentProvider.PayoutOrder(
                        tx.txId(), tx.amountMinor(), tx.currency(), command.payload().path("destination").asString(),
                        command.payload().path("beneficiary_name").asString("LinkWithMentor mentor"),
                        notifyUrl(command.provider())))));
            };
            inTransaction.executeWithoutResult(status -> {
                jdbc.sql("UPDATE provider_commands SET status = 'sent', sent_at = now(), last_error = NULL WHERE command_id = ?")
                    .param(command.commandId()).update();
                stateMachine.getObject().sent(command.provider(), tx.txId(), sent);
            });
            return sent;
        }
        catch (ProviderRejectedException ex) {
            log.warn("{} refused {} for {}: {}", command.provider(), command.kind(), tx.txId(), ex.getMessage());
            inTransaction.executeWithoutResult(status -> {
                jdbc.sql("UPDATE provider_commands SET status = 'failed', last_error = ? WHERE command_id = ?")
                    .params(abbreviate(ex.getMessage()), command.commandId()).update();
                stateMachine.getObject().rejected(command.provider(), tx.txId(), "provider_rejected");
            });
            return new Rejected(ex.getMessage());
        }
        catch (ProviderUnavailableException ex) {
            Duration backoff = backoff(command.attempts());
            jdbc.sql("UPDATE provider_commands SET next_attempt_at = now() + make_interval(secs => ?), last_error = ? WHERE command_id = ?")
                .params(backoff.toMillis() / 1000.0, abbreviate(ex.getMessage()), command.commandId())
                .update();
            log.info("{} unavailable for {} of {} (attempt {}); retrying in {} ms", command.provider(), command.kind(),
                    tx.txId(), command.attempts(), backoff.toMillis());
            return new Queued(ex.getMessage());
        }
    }

    private PaymentProvider.PaymentOrder paymentOrder(Tx tx, Command command) {
        JsonNode payload = command.payload();
        PaymentProvider.Method method = "card".equals(payload.path("method").asString("upi")) ? PaymentProvider.Method.CARD
                : PaymentProvider.Method.UPI;
        return new PaymentProvider.PaymentOrder(tx.txId(), tx.amountMinor(), tx.currency(), method,
                payload.path("description").asString("LinkWithMentor"), tx.sourceUserId(),
                payload.path("setup_mandate").asBoolean(false), notifyUrl(command.provider()));
    }

    /** Where the provider sends webhooks: the configured base, or this instance's own address. */
    URI notifyUrl(String provider) {
        String base = properties.webhookBaseUrl();
        if (base.isBlank()) {
            base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8085"))
                    + "/api/v1/payments/webhooks";
        }
        return URI.create(base.replaceAll("/+$", "") + "/" + provider);
    }

    Duration backoff(int attempts) {
        Duration first = properties.queue().firstBackoff();
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration next = first.multipliedBy(factor);
        return next.compareTo(properties.queue().maxBackoff()) > 0 ? properties.queue().maxBackoff() : next;
    }

    private static String abbreviate(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 480 ? text.substring(0, 480) : text;
    }

    private record Command(UUID commandId, UUID txId, CommandKind kind, String provider, JsonNode payload, int attempts) {
    }
}
