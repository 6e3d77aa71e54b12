package com.linkwithmentor.user.email;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.user.auth.AuthProperties;

/**
 * Email, queued in the caller's transaction and delivered afterwards, off the request's thread: at
 * once after the commit, and again with growing back-off while the mail server is away, so an SMTP
 * outage never fails or slows a registration or a reset. Instances share the queue (SKIP LOCKED).
 * Once sent, the body (which holds a one-time link) is erased.
 */
@Component
class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    static final int MAX_ATTEMPTS = 12;

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

    private static final Duration LONGEST_RETRY = Duration.ofMinutes(30);

    private final JdbcClient jdbc;

    private final JavaMailSender mail;

    private final AuthProperties properties;

    private final TransactionTemplate transactions;

    private final TaskExecutor executor;

    MailOutbox(JdbcClient jdbc, JavaMailSender mail, AuthProperties properties,
            PlatformTransactionManager transactionManager, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.executor = executor;
    }

    /** Queues a message with the caller's transaction; it is sent once that commits. */
    void queue(String to, String subject, String body) {
        jdbc.sql("INSERT INTO mail_outbox (recipient, subject, body) VALUES (?, ?, ?)").params(to, subject, body).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(MailOutbox.this::retry);
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${lwm.auth.mail-retry-interval:5s}", initialDelayString = "${lwm.auth.mail-retry-interval:5s}")
    void retry() {
        try {
            deliverDue();
        }
        catch (RuntimeException ex) {
            log.warn("Mail delivery round failed; next round retries: {}", ex.toString());
        }
    }

    /** Sends every due message this instance can claim; returns how many went out. */
    int deliverDue() {
        Integer sent = transactions.execute(status -> deliverClaimed());
        return sent != null ? sent : 0;
    }

    private int deliverClaimed() {
        List<Pending> due = jdbc.sql("""
                SELECT mail_id, recipient, subject, body, attempts FROM mail_outbox
                WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
                ORDER BY mail_id LIMIT 50 FOR UPDATE SKIP LOCKED""")
            .query((rs, n) -> new Pending(rs.getLong("mail_id"), rs.getString("recipient"), rs.getString("subject"),
                    rs.getString("body"), rs.getInt("attempts")))
            .list();
        int sent = 0;
        for (Pending message : due) {
            try {
                mail.send(message.toMail(properties.mailFrom()));
                jdbc.sql("UPDATE mail_outbox SET sent_at = now(), body = NULL, attempts = attempts + 1 WHERE mail_id = ?")
                    .param(message.id()).update();
                sent++;
            }
            catch (MailException ex) {
                int attempts = message.attempts() + 1;
                Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
                wait = wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
                boolean giveUp = attempts >= MAX_ATTEMPTS;
                log.warn("Could not send '{}' (attempt {}){}: {}", message.subject(), attempts,
                        giveUp ? "; giving up" : "; retrying in " + wait.toSeconds() + " s", ex.getMessage());
                jdbc.sql("""
                        UPDATE mail_outbox SET attempts = ?, last_error = ?,
                            next_attempt_at = now() + make_interval(secs => ?),
                            given_up_at = CASE WHEN ? THEN now() END, body = CASE WHEN ? THEN NULL ELSE body END
                        WHERE mail_id = ?""")
                    .params(attempts, String.valueOf(ex.getMessage()), wait.toSeconds(), giveUp, giveUp, message.id())
                    .update();
                // The server is away: the rest wait for the next round rather than each timing out now.
                break;
            }
        }
        return sent;
    }

    private record Pending(long id, String recipient, String subject, String body, int attempts) {

        SimpleMailMessage toMail(String from) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(recipient);
            message.setSubject(subject);
            message.setText(body);
            return message;
        }
    }
}
