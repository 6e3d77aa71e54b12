package com.linkwithmentor.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.JvmProcess;

/**
 * Not in the default run (tag {@code benchmark}; {@code ./fleet bench chat-service}). One chat
 * instance (its own JVM) holding idle, authenticated connections, in steps (default 10k, 25k,
 * 50k): every user in a direct conversation with another connected user (so every socket follows a
 * room and has presence), heartbeats every 30 s. At each step, measured from outside after a
 * full GC: heap and heap per connection, RSS, threads, open files; users present in Redis; pings
 * answered. A step the instance's open-file limit cannot reach is reported as such (with the
 * limit), and the instance is filled to just under it instead. Tune with
 * {@code -Dbench.steps=10000,25000,50000 -Dbench.heap=3g -Dbench.holder-max=18000}.
 */
@Tag("benchmark")
class ChatConnectionsBenchmark {

    private static final String STEPS = System.getProperty("bench.steps", "10000,25000,50000");

    private static final String HEAP = System.getProperty("bench.heap", "3g");

    /** Sockets per holder process (each process has its own open-file limit). */
    private static final int HOLDER_MAX = Integer.getInteger("bench.holder-max", 18_000);

    private static final int PING_SECONDS = 30;

    @Test
    void oneInstanceHoldsIdleAuthenticatedConnectionsWithPresenceAndHeartbeats() throws Exception {
        List<Integer> steps = java.util.Arrays.stream(STEPS.split(",")).map(String::trim).map(Integer::valueOf).toList();
        int most = steps.get(steps.size() - 1);
        StringBuilder report = new StringBuilder();
        try (BenchmarkFleet fleet = BenchmarkFleet.start("chat_connections", 1, Map.of(
                "lwm.chat.messages.send-rate.capacity", "1000"), HEAP)) {
            JvmProcess instance = fleet.instance(0);
            long limit = instance.openFileLimit().orElse(Long.MAX_VALUE);
            report.append(String.format("one chat instance, -Xmx%s; its open-file limit: %s; load at start: %s%n", HEAP,
                    limit == Long.MAX_VALUE ? "unknown" : limit, BenchmarkFleet.loadAverage()));
            List<UUID> users = BenchmarkFleet.users(most);
            List<UUID> odd = new ArrayList<>();
            List<UUID> even = new ArrayList<>();
            for (int i = 0; i + 1 < users.size(); i += 2) {
                even.add(users.get(i));
                odd.add(users.get(i + 1));
            }
            fleet.directConversations(even, odd);

            long heapIdle = instance.heapAfterGc();
            long rssIdle = instance.rssBytes();
            report.append(String.format("idle instance: heap after GC %.1f MB, RSS %.1f MB, %d threads, %d open files%n",
                    heapIdle / 1e6, rssIdle / 1e6, instance.threads(), instance.openFiles()));
            report.append(String.format("%-8s %-9s %-11s %-9s %-10s %-9s %-8s %-9s %-10s %-14s %s%n", "target", "held",
                    "heap MB", "KB/conn", "RSS MB", "KB/conn", "threads", "files", "present", "pongs/pings", "opened in"));

            List<JvmProcess> holders = new ArrayList<>();
            int connected = 0;
            for (int target : steps) {
                int reachable = (int) Math.min(target, limit - 400);
                if (reachable < target) {
                    report.append(String.format("%-8d not reachable here: the instance's open-file limit is %d (one file per"
                            + " socket; the hard limit, which this machine does not let a process raise); filling to %d%n",
                            target, limit, reachable));
                }
                long started = System.nanoTime();
                StringBuilder opened = new StringBuilder();
                while (connected < reachable) {
                    int size = Math.min(HOLDER_MAX, reachable - connected);
                    holders.add(fleet.holder(0, users.subList(connected, connected + size), PING_SECONDS, false, opened));
                    opened.append("; ");
                    connected += size;
                }
                double openSeconds = (System.nanoTime() - started) / 1e9;
                // One full heartbeat round: every socket has pinged (and refreshed its presence) and had its pong.
                long[] before = totals(holders);
                int expected = connected;
                Awaitility.await("a heartbeat round").atMost(Duration.ofSeconds(PING_SECONDS * 3L))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> totals(holders)[1] - before[1] >= expected * 99L / 100);
                long[] after = totals(holders);
                long pings = after[0] - before[0];
                long pongs = after[1] - before[1];
                int held = (int) after[2];
                long heap = instance.heapAfterGc();
                long rss = instance.rssBytes();
                report.append(String.format("%-8d %-9d %-11.1f %-9.2f %-10.1f %-9.2f %-8d %-9d %-10d %-14s %.0f s (%s)%n",
                        target, held, heap / 1e6, (heap - heapIdle) / 1024.0 / Math.max(1, held), rss / 1e6,
                        (rss - rssIdle) / 1024.0 / Math.max(1, held), instance.threads(), instance.openFiles(),
                        fleet.presentUsers(), pongs + "/" + pings, openSeconds, opened.toString().trim()));
                System.out.print(report);
            }
            report.append("top of the instance's class histogram at the last step:\n").append(instance.histogram(20))
                .append('\n');
        }
        System.out.println("=== chat-service connections benchmark ===\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "chat-connections-benchmark.txt"), report.toString());
    }

    /** {pings sent, pongs received, sockets open} of all holders. */
    private static long[] totals(List<JvmProcess> holders) {
        long[] sum = new long[3];
        for (JvmProcess holder : holders) {
            long[] counts = heartbeats(holder);
            for (int i = 0; i < 3; i++) {
                sum[i] += counts[i];
            }
        }
        return sum;
    }

    /** {pings sent, pongs received, sockets open} of one holder. */
    private static long[] heartbeats(JvmProcess holder) {
        String stats = holder.ask("STATS", "STATS", Duration.ofSeconds(30));
        return new long[] { value(stats, "pings"), value(stats, "pongs"), value(stats, "open") - value(stats, "closed") };
    }

    static long value(String stats, String key) {
        for (String part : stats.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Long.parseLong(part.substring(key.length() + 1));
            }
        }
        return -1;
    }

    static double decimal(String stats, String key) {
        for (String part : stats.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        return Double.NaN;
    }
}
