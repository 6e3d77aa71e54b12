package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.linkwithmentor.common.security.PublicEndpoints;
import com.linkwithmentor.testsupport.GatewayRoutes;

/**
 * The fleet's services get their own tokens here (client credentials), which call service-only
 * endpoints and nothing else; users' tokens never reach those endpoints.
 */
@UserServiceTest
@TestPropertySource(properties = {
        "lwm.auth.service-clients.payment-service.secret=pay-secret",
        "lwm.auth.service-clients.payment-service.scopes=users:read-payout-methods,meetings:read-sessions",
        "lwm.auth.service-clients.chat-service.secret=" })
class ServiceTokenTests {

    @LocalServerPort
    int port;

    @Autowired
    PublicEndpoints publicEndpoints;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static String basic(String client, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    String serviceToken(String scope) {
        return api.postForm("/api/v1/auth/token", "grant_type=client_credentials" + (scope != null ? "&scope=" + scope : ""),
                basic("payment-service", "pay-secret")).expect(200).text("access_token");
    }

    @Test
    void aRegisteredServiceGetsATokenWithTheScopesItAskedFor() {
        Api.Reply reply = api.postForm("/api/v1/auth/token", "grant_type=client_credentials&scope=users:read-payout-methods",
                basic("payment-service", "pay-secret")).expect(200);
        assertThat(reply.text("token_type")).isEqualTo("Bearer");
        assertThat(reply.text("scope")).isEqualTo("users:read-payout-methods");
        assertThat(reply.body().path("expires_in").asLong()).isEqualTo(300);
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }

    @Test
    void withoutAScopeItGetsAllItMayHaveAndTheFormMayCarryTheCredentials() {
        Api.Reply reply = api.postForm("/api/v1/auth/token",
                "grant_type=client_credentials&client_id=payment-service&client_secret=pay-secret", null).expect(200);
        assertThat(reply.text("scope")).isEqualTo("users:read-payout-methods meetings:read-sessions");
    }

    @Test
    void aWrongSecretAnUnknownOrSwitchedOffClientIsInvalidClient() {
        for (String authorization : new String[] { basic("payment-service", "nope"), basic("stranger", "pay-secret"),
                basic("chat-service", ""), null }) {
            Api.Reply reply = api.postForm("/api/v1/auth/token", "grant_type=client_credentials", authorization)
                .expectError(401, "UNAUTHORIZED");
            assertThat(reply.text("error")).isEqualTo("invalid_client");
        }
    }

    @Test
    void aScopeTheClientMayNotHaveOrAnotherGrantIsRefused() {
        Api.Reply scope = api.postForm("/api/v1/auth/token", "grant_type=client_credentials&scope=users:admin",
                basic("payment-service", "pay-secret")).expectError(400, "VALIDATION_ERROR");
        assertThat(scope.text("error")).isEqualTo("invalid_scope");
        Api.Reply grant = api.postForm("/api/v1/auth/token", "grant_type=password&username=a&password=b",
                basic("payment-service", "pay-secret")).expectError(400, "VALIDATION_ERROR");
        assertThat(grant.text("error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void theServiceReadsAMentorsPayoutMethodWhichAUserCannot() {
        Api.Session mentor = api.newUser("mentor");
        String base = "/api/v1/users/" + mentor.userId() + "/payment-methods";
        api.post(base, Map.of("label", "UPI", "provider", "upi", "vpa_address", "asha@okaxis"), mentor.accessToken())
            .expect(201);

        Api.Reply payout = api.get(base + "/payout-method", serviceToken("users:read-payout-methods")).expect(200);
        assertThat(payout.text("vpa_address")).isEqualTo("asha@okaxis");

        api.get(base + "/payout-method", mentor.accessToken()).expectError(403, "FORBIDDEN");
        api.get(base + "/payout-method", serviceToken("meetings:read-sessions")).expectError(403, "FORBIDDEN");
        api.get("/api/v1/users/" + api.newUser("mentor").userId() + "/payment-methods/payout-method",
                serviceToken("users:read-payout-methods")).expectError(404, "NOT_FOUND");
    }

    @Test
    void aServiceTokenIsRefusedWhereAUserIsExpected() {
        String token = serviceToken(null);
        api.get("/api/v1/users/me", token).expectError(403, "FORBIDDEN");
        api.post("/api/v1/auth/logout", null, token).expectError(403, "FORBIDDEN");
    }

    @Test
    void theGatewayListsExactlyTheEndpointsThisServiceMarksPublic() {
        assertThat(publicEndpoints.describe()).contains("POST /api/v1/auth/token");
        // The token endpoint is for services, which call user-service directly, never through the edge.
        assertThat(publicEndpoints.describe().stream().filter(path -> !path.equals("POST /api/v1/auth/token")).toList())
            .isEqualTo(GatewayRoutes.publicPaths("user-service"));
    }
}
