package com.linkwithmentor.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.testsupport.ApiClient;

/** payment-service's API over real HTTP, with the calls its tests make most. */
final class Api extends ApiClient {

    private final int port;

    Api(int port) {
        super(port);
        this.port = port;
    }

    Reply checkout(PaymentFleet.User mentee, UUID sessionId) {
        return post("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()), mentee.token());
    }

    /** A POST with an Idempotency-Key header. */
    Reply postWithKey(String path, Object body, String token, @Nullable String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    /** A raw POST with the given headers (webhooks). */
    Reply postRaw(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), type.contains("json") && !response.body().isBlank()
                    ? json.readTree(response.body()) : json.createObjectNode(), response.body(), response);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
