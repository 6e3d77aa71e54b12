package com.linkwithmentor.chat.realtime;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads real-time work runs on, kept apart so nothing slow holds up anything else:
 * <ul>
 * <li>virtual threads for each connection's writer (a slow client blocks only its own), database
 * gap fills and closes;</li>
 * <li>fan-out stripes: Pub/Sub arrives on Lettuce's event loop, which must never block, and is
 * handed to one of a few single-thread lanes chosen by conversation, which keeps each
 * conversation's frames in arrival order; a lane's queue is bounded (a frame dropped there is
 * recovered from the database like any lost Pub/Sub message);</li>
 * <li>one timer thread for gap waits and token expiry.</li>
 * </ul>
 */
@Component
class RealtimeExecutors implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RealtimeExecutors.class);

    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();

    private final ScheduledThreadPoolExecutor timers;

    private final ThreadPoolExecutor[] stripes;

    private final AtomicLong dropped = new AtomicLong();

    RealtimeExecutors(RealtimeProperties properties) {
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("chat-timer").daemon().factory());
        this.timers.setRemoveOnCancelPolicy(true);
        this.stripes = new ThreadPoolExecutor[Math.max(1, properties.fanoutThreads())];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(20_000),
                    Thread.ofPlatform().name("chat-fanout-" + i).daemon().factory(), (task, pool) -> {
                        if (dropped.incrementAndGet() % 1000 == 1) {
                            log.warn("Fan-out lane full; dropped {} frames so far (clients recover them on resume)",
                                    dropped.get());
                        }
                    });
        }
    }

    ExecutorService virtual() {
        return virtual;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Runs the task on the conversation's fan-out lane, after everything queued there before it. */
    void fanOut(UUID conversationId, Runnable task) {
        stripes[Math.floorMod(conversationId.hashCode(), stripes.length)].execute(task);
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        for (ThreadPoolExecutor stripe : stripes) {
            stripe.shutdownNow();
        }
        virtual.shutdownNow();
    }
}
