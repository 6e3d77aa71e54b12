package com.linkwithmentor.signaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisURI;

/**
 * A real coturn ({@code /usr/bin/turnserver}, Debian's {@code coturn} package) on loopback, reading
 * its users from a Redis database, exactly as {@code ./fleet up} runs it. Its log is
 * {@code target/coturn-<port>.log}.
 */
final class TurnServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/turnserver");

    static final String REALM = "linkwithmentor";

    private Process process;

    private final int port;

    private final List<String> command;

    private final Path log;

    private TurnServer(Process process, int port, List<String> command, Path log) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /** Installed, and not switched off with {@code -Dlwm.test.without-turn=true} (to run the degraded path). */
    static boolean installed() {
        return Files.isExecutable(BINARY) && !Boolean.getBoolean("lwm.test.without-turn");
    }

    /** Starts coturn on a free UDP port with a relay port range of its own, users in this Redis database. */
    static TurnServer start(String redisUrl) {
        RedisURI redis = RedisURI.create(redisUrl);
        int port = freeUdpPort();
        // A thousand relay ports: every page load allocates a few, and each lives until released or expired.
        int relayBase = 50000 + ThreadLocalRandom.current().nextInt(10) * 1000;
        Path log = Path.of("target", "coturn-" + port + ".log").toAbsolutePath();
        List<String> command = List.of(BINARY.toString(), "-n",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--min-port=" + relayBase, "--max-port=" + (relayBase + 999),
                "--realm=" + REALM, "--fingerprint", "--lt-cred-mech", "--no-cli", "--no-tls", "--no-dtls",
                "--allow-loopback-peers", "--no-software-attribute", "--max-allocate-lifetime=120",
                "--redis-userdb=ip=" + (redis.getHost().equals("localhost") ? "127.0.0.1" : redis.getHost()) + " dbname=" + redis.getDatabase() + " port=" + redis.getPort()
                        + " connect_timeout=5",
                "--pidfile=" + Path.of("target", "coturn-" + port + ".pid").toAbsolutePath(),
                "--log-file=stdout", "--simple-log");
        try {
            Files.createDirectories(log.getParent());
            TurnServer server = new TurnServer(launch(command, log), port, command, log);
            server.awaitAnswering(Duration.ofSeconds(20));
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Process launch(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    /** Starts it again on the same port after {@link #close()}, as after an outage. */
    void restart() {
        try {
            process = launch(command, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        awaitAnswering(Duration.ofSeconds(20));
    }

    int port() {
        return port;
    }

    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    private void awaitAnswering(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn exited with " + process.exitValue() + "; see target/coturn-" + port + ".log");
            }
            if (TurnClient.binding(port, Duration.ofMillis(300))) {
                return;
            }
        }
        throw new IllegalStateException("coturn did not answer on " + port + " within " + within);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
