package com.linkwithmentor.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers webhooks the way gateways do: asynchronously, signed ({@code X-Sandbox-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}), each with a unique event id, retried with
 * exponential back-off until the receiver answers 2xx or the attempts run out. The current
 * {@link Behaviour} can delay, drop (to be retried), duplicate or shuffle deliveries, and holds
 * them all while the sandbox is down.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** A sent (or still to be sent) webhook, kept for {@code GET /control/events}. */
    static final class Delivery {

        final String eventId;

        final String type;

        final String body;

        final URI url;

        final AtomicInteger attempts = new AtomicInteger();

        volatile String state = "pending";

        volatile int lastStatus;

        Delivery(String eventId, String type, String body, URI url) {
            this.eventId = eventId;
            this.type = type;
            this.body = body;
            this.url = url;
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("event_id", eventId);
            view.put("type", type);
            view.put("url", url.toString());
            view.put("state", state);
            view.put("attempts", attempts.get());
            view.put("last_status", lastStatus);
            return view;
        }
    }

    private final SandboxProperties properties;

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4,
            Thread.ofPlatform().name("sandbox-webhook-", 0).daemon().factory());

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private volatile Behaviour behaviour = Behaviour.normal();

    private final AtomicInteger toFail = new AtomicInteger();

    WebhookSender(SandboxProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).build();
    }

    void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        toFail.set(behaviour.failWebhooks());
    }

    void reset() {
        deliveries.clear();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Queues the webhook for an event about {@code object}; returns the event id. */
    String send(String type, Map<String, Object> object, URI url) {
        String eventId = "evt_sbx_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", type);
        event.put("created_at", Instant.now().toString());
        event.put("data", object);
        Delivery delivery = new Delivery(eventId, type, json.writeValueAsString(event), url);
        deliveries.add(delivery);
        Behaviour now = behaviour;
        schedule(delivery, firstDelay(now));
        if (now.duplicateWebhooks()) {
            Delivery twin = new Delivery(eventId, type, delivery.body, url);
            deliveries.add(twin);
            schedule(twin, firstDelay(now) + 20);
        }
        return eventId;
    }

    /** Sends an event already sent once more, as a gateway's "resend" button does. */
    boolean redeliver(String eventId) {
        return deliveries.stream().filter(d -> d.eventId.equals(eventId)).findFirst().map(original -> {
            Delivery again = new Delivery(original.eventId, original.type, original.body, original.url);
            deliveries.add(again);
            schedule(again, 0);
            return true;
        }).orElse(false);
    }

    private long firstDelay(Behaviour now) {
        long delay = now.webhookDelayMs();
        if (now.reorderWebhooks()) {
            delay += ThreadLocalRandom.current().nextLong(0, 400);
        }
        return delay;
    }

    private void schedule(Delivery delivery, long delayMs) {
        scheduler.schedule(() -> attempt(delivery), delayMs, TimeUnit.MILLISECONDS);
    }

    private void attempt(Delivery delivery) {
        if (behaviour.down()) {
            schedule(delivery, 200);
            return;
        }
        int attempt = delivery.attempts.incrementAndGet();
        boolean delivered = false;
        if (toFail.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            delivery.lastStatus = -1;
        }
        else {
            delivered = post(delivery);
        }
        if (delivered) {
            delivery.state = "delivered";
            return;
        }
        if (attempt >= properties.webhookAttempts()) {
            delivery.state = "abandoned";
            log.warn("Webhook {} to {} abandoned after {} attempts", delivery.eventId, delivery.url, attempt);
            return;
        }
        long backoff = Math.min(10_000, 100L << Math.min(attempt - 1, 7));
        schedule(delivery, backoff);
    }

    private boolean post(Delivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.url)
            .timeout(properties.webhookTimeout())
            .header("Content-Type", "application/json")
            .header("X-Sandbox-Event-Id", delivery.eventId)
            .header("X-Sandbox-Signature", "t=" + timestamp + ",v1=" + sign(timestamp + "." + delivery.body))
            .POST(HttpRequest.BodyPublishers.ofString(delivery.body))
            .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            delivery.lastStatus = response.statusCode();
            return response.statusCode() / 100 == 2;
        }
        catch (IOException ex) {
            delivery.lastStatus = 0;
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
