package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-in with Google against a real local OpenID Connect server (mock-oauth2-server). */
@UserServiceTest
class GoogleSignInTests {

    static final MockOAuth2Server google = startGoogle();

    static final String CLIENT_ID = "linkwithmentor-test-client";

    static final String REDIRECT = "http://app.linkwithmentor.test/api/v1/auth/oidc/google/callback";

    static MockOAuth2Server startGoogle() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(0);
        return server;
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("lwm.oidc.google.issuer", () -> google.issuerUrl("google").toString());
        registry.add("lwm.oidc.google.client-id", () -> CLIENT_ID);
        registry.add("lwm.oidc.google.client-secret", () -> "test-secret");
        registry.add("lwm.oidc.google.redirect-uri", () -> REDIRECT);
    }

    @AfterAll
    static void stop() {
        google.shutdown();
    }

    @LocalServerPort
    int port;

    Api api;

    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aNewGoogleUserGetsAnAccountWithAVerifiedEmail() throws Exception {
        String email = "priya." + UUID.randomUUID().toString().substring(0, 6) + "@gmail.com";
        Api.Reply tokens = signIn("google-sub-" + UUID.randomUUID(), email, true).expect(200);

        assertThat(tokens.text("access_token")).isNotBlank();
        assertThat(tokens.text("refresh_token")).isNotBlank();
        assertThat(tokens.body().path("user").path("email").asString()).isEqualTo(email);
        assertThat(tokens.body().path("user").path("email_verified").asBoolean()).isTrue();
        assertThat(tokens.body().path("user").path("username").asString()).startsWith("priya.");
        api.get("/api/v1/users/me", tokens.text("access_token")).expect(200);
    }

    @Test
    void anExistingAccountIsLinkedByVerifiedEmailNotDuplicated() throws Exception {
        Api.Session existing = api.newUser();
        String subject = "google-sub-" + UUID.randomUUID();
        Api.Reply first = signIn(subject, existing.email(), true).expect(200);
        assertThat(first.body().path("user").path("user_id").asString()).isEqualTo(existing.userId().toString());

        Api.Reply again = signIn(subject, existing.email(), true).expect(200);
        assertThat(again.body().path("user").path("user_id").asString()).isEqualTo(existing.userId().toString());
        // The password still works too.
        api.login(existing.username(), existing.password()).expect(200);
    }

    @Test
    void anUnverifiedGoogleEmailIsRefused() throws Exception {
        Api.Session existing = api.newUser();
        signIn("google-sub-" + UUID.randomUUID(), existing.email(), false).expectError(403, "FORBIDDEN");
    }

    @Test
    void aStateIsUsedOnceAndAnUnknownOneIsRefused() throws Exception {
        api.get("/api/v1/auth/oidc/google/callback?code=abc&state=" + UUID.randomUUID(), null)
            .expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/auth/oidc/google/callback", null).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/auth/oidc/google/callback?error=access_denied", null).expectError(400, "VALIDATION_ERROR");
    }

    /** Walks the browser's part of the flow: our authorize redirect, Google's redirect back, our callback. */
    private Api.Reply signIn(String subject, String email, boolean verified) throws Exception {
        google.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", verified), 3600));
        Api.Reply start = api.get("/api/v1/auth/oidc/google/authorize", null).expect(302);
        URI toGoogle = URI.create(start.header("Location"));
        assertThat(query(toGoogle)).containsKeys("state", "nonce", "code_challenge").containsEntry("client_id", CLIENT_ID);

        HttpResponse<String> atGoogle = browser.send(HttpRequest.newBuilder(toGoogle).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atGoogle.statusCode()).isEqualTo(302);
        URI back = URI.create(atGoogle.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT);
        Map<String, String> params = query(back);

        Api.Reply done = api.get("/api/v1/auth/oidc/google/callback?code=" + params.get("code") + "&state="
                + params.get("state"), null);
        if (done.status() == 200) {
            api.get("/api/v1/auth/oidc/google/callback?code=" + params.get("code") + "&state=" + params.get("state"), null)
                .expectError(400, "VALIDATION_ERROR");
        }
        return done;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return params;
    }
}
