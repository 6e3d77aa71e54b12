package com.linkwithmentor.common.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's own access token, for calls it makes off a user's thread (a scheduler, an event
 * handler, a re-check): fetched from user-service with the client-credentials grant, kept until
 * shortly before it expires, and fetched again by one caller while the others wait.
 */
public class ServiceTokens {

    private final String clientId;

    private final ServiceAuthProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final HttpClient http;

    private @Nullable String token;

    private Instant refreshAt = Instant.MIN;

    public ServiceTokens(String clientId, ServiceAuthProperties properties, JsonMapper json, Clock clock) {
        this.clientId = clientId;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public String clientId() {
        return clientId;
    }

    /** Whether a secret is configured; without one, {@link #bearer()} fails. */
    public boolean configured() {
        return !properties.clientSecret().isBlank();
    }

    /** A valid service token, from the cache or freshly issued. */
    public synchronized String bearer() {
        if (token != null && clock.instant().isBefore(refreshAt)) {
            return token;
        }
        if (!configured()) {
            throw new ServiceTokenException("No service credential configured for " + clientId
                    + " (set lwm.service-auth.client-secret / LWM_SERVICE_CLIENT_SECRET)");
        }
        Issued issued = fetch();
        token = issued.token();
        Duration lifetime = Duration.ofSeconds(issued.expiresInSeconds());
        Duration early = properties.refreshBefore().compareTo(lifetime.dividedBy(2)) < 0 ? properties.refreshBefore()
                : lifetime.dividedBy(2);
        refreshAt = clock.instant().plus(lifetime).minus(early);
        return token;
    }

    /** Forgets the cached token, e.g. after a 401 from the callee. */
    public synchronized void invalidate() {
        token = null;
    }

    /** Sets this service's token on every call of a client built with it. */
    public ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + bearer());
            return execution.execute(request, body);
        };
    }

    private Issued fetch() {
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(properties.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUrl())
            .timeout(properties.timeout())
            .header(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(HttpHeaders.ACCEPT, "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials" + (properties.scopes().isEmpty() ? ""
                    : "&scope=" + URLEncoder.encode(String.join(" ", properties.scopes()), StandardCharsets.UTF_8))))
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new ServiceTokenException("The token endpoint " + properties.tokenUrl() + " is unreachable: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException("Interrupted while fetching a service token", ex);
        }
        if (response.statusCode() != 200) {
            throw new ServiceTokenException("The token endpoint refused " + clientId + " with " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        return new Issued(body.path("access_token").asString(), body.path("expires_in").asLong(60));
    }

    private record Issued(String token, long expiresInSeconds) {
    }

    /** No service token could be had: treat like the callee being unreachable. */
    public static class ServiceTokenException extends IllegalStateException {

        public ServiceTokenException(String message) {
            super(message);
        }

        public ServiceTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
