package com.linkwithmentor.realtime;

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

/**
 * The threads real-time work runs on, kept apart so nothing slow holds up anything else:
 * <ul>
 * <li>virtual threads for each connection's frame handling (which may block on the database) and
 * anything else that blocks;</li>
 * <li>fan-out stripes: Pub/Sub arrives on Lettuce's event loop, which must never block, and is
 * handed to one of a few single-thread lanes chosen by room, which keeps each room's messages in
 * arrival order; a lane's queue is bounded (a message dropped there is recovered like any lost
 * Pub/Sub message, from the service's record);</li>
 * <li>one timer thread for sweeps, close deadlines and the services' short waits.</li>
 * </ul>
 */
public final class RealtimeExecutors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeExecutors.class);

    private final ExecutorService virtual = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("realtime-", 0)
        .factory());

    private final ScheduledThreadPoolExecutor timer;

    private final ThreadPoolExecutor[] stripes;

    private final AtomicLong dropped = new AtomicLong();

    RealtimeExecutors(RealtimeProperties properties) {
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("realtime-timer").daemon().factory());
        this.timer.setRemoveOnCancelPolicy(true);
        this.stripes = new ThreadPoolExecutor[Math.max(1, properties.fanoutThreads())];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(Math.max(1, properties.fanoutQueue())),
                    Thread.ofPlatform().name("realtime-fanout-" + i).daemon().factory(), (task, pool) -> {
                        if (dropped.incrementAndGet() % 1000 == 1) {
                            log.warn("Fan-out lane full; dropped {} room messages so far (recovered from the record)",
                                    dropped.get());
                        }
                    });
        }
    }

    /** Runs blocking work on a virtual thread of its own. */
    public ExecutorService virtual() {
        return virtual;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs the task on the lane of {@code key} (a room), after everything queued there before it. */
    public void fanOut(Object key, Runnable task) {
        stripes[Math.floorMod(key.hashCode(), stripes.length)].execute(task);
    }

    public long droppedFanOut() {
        return dropped.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (ThreadPoolExecutor stripe : stripes) {
            stripe.shutdownNow();
        }
        virtual.shutdownNow();
    }
}
