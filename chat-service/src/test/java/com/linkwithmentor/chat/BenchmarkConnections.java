package com.linkwithmentor.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's connection holder, run as its own process so the server's heap is measured
 * without the clients' objects: opens one WebSocket per token (arguments: port, token file), prints
 * how many opened, and holds them until its standard input closes.
 */
public final class BenchmarkConnections {

    private BenchmarkConnections() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        Semaphore inFlight = new Semaphore(64);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        WebSocket.Listener discard = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                webSocket.request(1);
                return null;
            }
        };
        for (String token : tokens) {
            inFlight.acquire();
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?access_token=" + token), discard)
                .whenComplete((socket, error) -> {
                    if (error != null) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println("connect failed: " + error);
                        }
                    }
                    else {
                        sockets.add(socket);
                        open.incrementAndGet();
                    }
                    inFlight.release();
                });
        }
        inFlight.acquire(64);
        System.out.println("OPEN " + open.get() + " FAILED " + failed.get());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the connections until the benchmark closes our input
        }
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }
}
