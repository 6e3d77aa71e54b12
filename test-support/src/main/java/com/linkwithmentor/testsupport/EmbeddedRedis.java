package com.linkwithmentor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A real Redis server process from the embedded binary, on a port of the caller's choosing, so a
 * test can stop it and start it again on the same port (to prove nothing is lost in an outage).
 */
public final class EmbeddedRedis {

    private final int port;

    private final Path dataDirectory;

    private RedisServer server;

    private EmbeddedRedis(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.server = build(port, dataDirectory);
    }

    /** Starts a server whose data (append-only file in a temporary folder) survives {@link #restart()}. */
    public static EmbeddedRedis start(int port) {
        try {
            EmbeddedRedis redis = new EmbeddedRedis(port, Files.createTempDirectory("lwm-redis-"));
            redis.startServer();
            return redis;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the server process again on the same port, after {@link #stop()}. */
    public synchronized void restart() {
        stop();
        server = build(port, dataDirectory);
        startServer();
    }

    private void startServer() {
        try {
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded Redis on port " + port, ex);
        }
    }

    private static RedisServer build(int port, Path dataDirectory) {
        try {
            return RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDirectory.toAbsolutePath())
                .setting("save \"\"")
                .setting("appendonly yes")
                .setting("appendfsync always")
                .build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
