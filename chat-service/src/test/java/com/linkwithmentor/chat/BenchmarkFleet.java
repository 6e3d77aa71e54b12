package com.linkwithmentor.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.awaitility.Awaitility;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.testsupport.JvmProcess;
import com.linkwithmentor.testsupport.TestRedis;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.SocketHolder;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * What chat's benchmarks stand on: chat-service instances as processes of their own (this test
 * classpath, {@link ChatServiceApplication}), sharing a fresh database on a PostgreSQL with fsync
 * and synchronous commit on, as in production, and Redis; users and direct conversations made in bulk with SQL; client holders as processes of
 * their own, each from its own loopback address.
 */
final class BenchmarkFleet implements AutoCloseable {

    private final TestTokenIssuer issuer = TestTokenIssuer.start();

    private final String jdbcUrl;

    private final PostgresServer postgres;

    private final String redisUrl;

    private final JdbcClient jdbc;

    private final Map<String, String> overrides;

    private final String heap;

    private final List<JvmProcess> instances = new ArrayList<>();

    private final List<int[]> ports = new ArrayList<>();

    private final List<JvmProcess> holders = new ArrayList<>();

    private int nextSource = 2;

    /** A pair of users in one direct conversation. */
    record Pair(UUID first, UUID second, UUID conversationId) {
    }

    private static PostgresServer durable;

    /**
     * A PostgreSQL of the benchmarks' own with fsync and synchronous commit on, as in production
     * (the tests' server runs without either: throwaway data, faster tests).
     */
    private static synchronized PostgresServer durablePostgres() {
        if (durable == null) {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "300")
                    .start();
                durable = new PostgresServer("localhost", server.getPort(), "postgres", "postgres", "postgres");
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return durable;
    }

    private BenchmarkFleet(String name, Map<String, String> overrides, String heap) {
        this.postgres = durablePostgres();
        String database = postgres.createDatabase(name);
        this.jdbcUrl = postgres.jdbcUrl(database);
        this.redisUrl = TestServers.redis().url();
        this.overrides = overrides;
        this.heap = heap;
        PGSimpleDataSource dataSource = (PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("chat");
        this.jdbc = JdbcClient.create(dataSource);
        redis(commands -> commands.flushall());
    }

    static BenchmarkFleet start(String name, int instanceCount, Map<String, String> overrides, String heap) {
        BenchmarkFleet fleet = new BenchmarkFleet(name, overrides, heap);
        for (int i = 0; i < instanceCount; i++) {
            fleet.startInstance();
        }
        return fleet;
    }

    /** Starts one more instance and waits until it is ready. */
    int startInstance() {
        int rest = freePort();
        int socket = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(rest));
        properties.put("lwm.realtime.port", Integer.toString(socket));
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.service-auth.token-url", issuer.tokenUrl());
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("chat-service"));
        properties.put("lwm.chat.moderation.url", "http://127.0.0.1:" + freePort());
        properties.put("lwm.chat.moderation.recheck-interval", "1h");
        properties.put("lwm.realtime.max-connections", "200000");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        List<String> args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        int index = instances.size();
        JvmProcess instance = JvmProcess.startLogging("chat-" + index, List.of("-Xmx" + heap, "-XX:+UseG1GC"),
                ChatServiceApplication.class.getName(), args, Map.of("LWM_LOG_FORMAT", "plain"),
                Path.of("target", "bench-chat-" + index + ".log"));
        instances.add(instance);
        ports.add(new int[] { rest, socket });
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("chat instance " + index + " ready").atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return index;
    }

    JvmProcess instance(int index) {
        return instances.get(index);
    }

    int socketPort(int index) {
        return ports.get(index)[1];
    }

    int restPort(int index) {
        return ports.get(index)[0];
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String redisUrl() {
        return redisUrl;
    }

    /** Direct conversations between {@code first[i]} and {@code second[i]}, written in bulk. */
    List<Pair> directConversations(List<UUID> first, List<UUID> second) {
        List<Pair> pairs = new ArrayList<>();
        int batch = 5000;
        for (int from = 0; from < first.size(); from += batch) {
            int to = Math.min(first.size(), from + batch);
            UUID[] a = first.subList(from, to).toArray(UUID[]::new);
            UUID[] b = second.subList(from, to).toArray(UUID[]::new);
            UUID[] ids = new UUID[a.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = UUID.randomUUID();
                pairs.add(new Pair(a[i], b[i], ids[i]));
            }
            jdbc.sql("""
                    INSERT INTO conversations (conversation_id, kind, created_by, direct_user_low, direct_user_high)
                    SELECT c, 'direct', x, LEAST(x, y), GREATEST(x, y) FROM unnest(?, ?, ?) AS t(c, x, y)""")
                .params(ids, a, b).update();
            jdbc.sql("INSERT INTO conversation_sequences (conversation_id) SELECT unnest(?)").param(ids).update();
            jdbc.sql("""
                    INSERT INTO conversation_members (conversation_id, user_id, role)
                    SELECT c, x, 'member' FROM unnest(?, ?) AS t(c, x)
                    UNION ALL SELECT c, y, 'member' FROM unnest(?, ?) AS t(c, y)""")
                .params(ids, a, ids, b).update();
        }
        return pairs;
    }

    static List<UUID> users(int count) {
        List<UUID> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(UUID.randomUUID());
        }
        return users;
    }

    String token(UUID user) {
        return issuer.token(user, "mentee").lifetime(Duration.ofHours(3)).sign();
    }

    Path tokenFile(List<UUID> users) {
        try {
            Path file = Files.createTempFile("chat-bench-tokens", ".txt");
            Files.write(file, users.stream().map(this::token).toList());
            file.toFile().deleteOnExit();
            return file;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Starts a holder process with one socket per user to the instance, from a loopback address of
     * its own; returns it after its {@code OPEN} line (which it also returns through {@code opened}).
     */
    JvmProcess holder(int instance, List<UUID> users, int pingSeconds, boolean trackMessages, StringBuilder opened) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(socketPort(instance)), "--path", "/ws/chat",
                "--tokens", tokenFile(users).toString(), "--source", "127.0.0." + nextSource++,
                "--ping-seconds", Integer.toString(pingSeconds)));
        if (trackMessages) {
            args.add("--track-messages");
        }
        JvmProcess holder = JvmProcess.start("holder-" + holders.size(), List.of("-Xmx2g"), SocketHolder.class.getName(),
                args, Map.of(), Path.of("target", "bench-holder-" + holders.size() + ".log"));
        holders.add(holder);
        opened.append(holder.awaitLine("OPEN", Duration.ofMinutes(15)));
        return holder;
    }

    /** How many users Redis shows as present (keys {@code user_presence:*}). */
    long presentUsers() {
        return redis(commands -> {
            long count = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = commands.scan(cursor, ScanArgs.Builder.matches("user_presence:*").limit(5000));
                count += page.getKeys().size();
                cursor = page;
            }
            while (!cursor.isFinished());
            return count;
        });
    }

    <T> T redis(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        return TestRedis.call(redisUrl, command);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "?";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        holders.forEach(holder -> {
            if (holder.isAlive()) {
                holder.send("EXIT");
            }
            holder.close();
        });
        instances.forEach(JvmProcess::close);
        issuer.close();
    }
}
