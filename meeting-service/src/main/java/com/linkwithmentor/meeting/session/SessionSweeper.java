package com.linkwithmentor.meeting.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves sessions whose time ran out, on every instance at once: each round takes a batch of rows
 * with {@code FOR UPDATE SKIP LOCKED}, so instances split the work instead of queueing on it.
 * Unpaid holds past their time expire (the slot is free again); proposals nobody answered lapse at
 * their start; a session in progress completes {@code auto-complete-after} past its end when both
 * joined, or is the absent side's no-show when only one did; a session nobody started is, after
 * {@code unstarted-timeout}, recorded as the mentor's no-show. The mentor may complete earlier.
 */
@Component
class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final SessionLocks locks;

    private final SessionRepository sessions;

    private final BookingProperties properties;

    private final TransactionTemplate transactions;

    private final Clock clock;

    SessionSweeper(SessionLocks locks, SessionRepository sessions, BookingProperties properties,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.locks = locks;
        this.sessions = sessions;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${lwm.meeting.booking.sweep-interval:15s}",
            initialDelayString = "${lwm.meeting.booking.sweep-interval:15s}")
    void sweep() {
        try {
            sweepOnce();
        }
        catch (RuntimeException ex) {
            log.warn("Session sweep failed; the next one retries: {}", ex.toString());
        }
    }

    /** One round of every kind; returns how many sessions changed. */
    int sweepOnce() {
        Instant now = clock.instant();
        int batch = properties.sweepBatch();
        return round(() -> locks.lapsedHolds(now, batch), (session, at) -> session.expireHold(at), now)
                + round(() -> locks.lapsedProposals(now, batch), (session, at) -> session.lapseProposal(at), now)
                + round(() -> locks.overdue(now.minus(properties.autoCompleteAfter()), now.minus(properties.unstartedTimeout()),
                        batch), (session, at) -> session.finishOverdue(at, properties.autoCompleteAfter(),
                                properties.unstartedTimeout()), now);
    }

    private int round(java.util.function.Supplier<List<UUID>> claim, BiPredicate<Session, Instant> change, Instant now) {
        Integer changed = transactions.execute(status -> {
            int count = 0;
            for (UUID id : claim.get()) {
                Session session = sessions.findById(id).orElse(null);
                if (session != null && change.test(session, now)) {
                    sessions.save(session);
                    count++;
                }
            }
            return count;
        });
        return changed != null ? changed : 0;
    }
}
