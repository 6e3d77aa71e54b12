package com.linkwithmentor.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.common.sample.SampleApplication;
import com.linkwithmentor.testsupport.RealServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which token may call which endpoint, over real HTTP: users everywhere but service-only
 * endpoints, services only where {@link RequireScope} names a scope they hold, anyone on a
 * {@link PublicEndpoint}; and {@link ServiceTokens} fetching this service's own token once.
 */
@RealServers
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointAccessTests {

    static final TestTokenIssuer issuer = TestTokenIssuer.start();

    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("lwm.security.jwks-url", issuer::jwksUrl);
        registry.add("lwm.service-auth.token-url", issuer::tokenUrl);
        registry.add("lwm.service-auth.client-id", () -> "sample-service");
        registry.add("lwm.service-auth.client-secret", () -> TestTokenIssuer.clientSecret("sample-service"));
        registry.add("lwm.service-auth.scopes", () -> "samples:write");
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    ServiceTokens serviceTokens;

    @Autowired
    PublicEndpoints publicEndpoints;

    final String user = issuer.token(UUID.randomUUID(), "mentee").sign();

    @Test
    void aServiceWithTheScopeCallsAServiceOnlyEndpoint() throws Exception {
        HttpResponse<String> response = get("/api/v1/samples/internal", issuer.serviceToken("billing", "samples:read").sign());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("client_id").asString()).isEqualTo("billing");
    }

    @Test
    void aServiceWithoutTheScopeIsRefused() throws Exception {
        HttpResponse<String> response = get("/api/v1/samples/internal", issuer.serviceToken("billing", "other:scope").sign());
        assertError(response, 403, "samples:read");
    }

    @Test
    void aUsersTokenIsRefusedWhereOnlyServicesMayCall() throws Exception {
        assertError(get("/api/v1/samples/internal", user), 403, "services only");
    }

    @Test
    void aServiceTokenIsRefusedWhereUsersCall() throws Exception {
        assertError(get("/api/v1/samples/users/" + UUID.randomUUID(), issuer.serviceToken("billing", "samples:read").sign()),
                403, "service tokens are not accepted");
    }

    @Test
    void anEndpointForBothTakesEither() throws Exception {
        assertThat(json.readTree(get("/api/v1/samples/shared", user).body()).get("kind").asString()).isEqualTo("user");
        assertThat(json.readTree(get("/api/v1/samples/shared", issuer.serviceToken("billing", "samples:read").sign()).body())
            .get("kind").asString()).isEqualTo("service");
    }

    @Test
    void aPublicEndpointNeedsNoTokenAndOthersStillDo() throws Exception {
        assertThat(get("/api/v1/samples/public", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/samples/shared", null).statusCode()).isEqualTo(401);
        assertThat(publicEndpoints.describe()).isEqualTo(List.of("GET /api/v1/samples/public"));
    }

    @Test
    void theServiceFetchesItsOwnTokenOnceAndReusesIt() throws Exception {
        int before = issuer.serviceTokensIssued();
        String first = serviceTokens.bearer();
        String second = serviceTokens.bearer();
        assertThat(second).isEqualTo(first);
        assertThat(issuer.serviceTokensIssued()).isEqualTo(before + (before == 0 ? 1 : 0));
        HttpResponse<String> response = get("/api/v1/samples/internal", null, first);
        assertThat(response.statusCode()).as("it asked for samples:write only, not samples:read").isEqualTo(403);
    }

    @Test
    void aWrongSecretGivesNoToken() {
        ServiceTokens wrong = new ServiceTokens("sample-service", new ServiceAuthProperties("sample-service", "nope",
                URI.create(issuer.tokenUrl()), List.of(), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(3)), json,
                java.time.Clock.systemUTC());
        assertThatThrownBy(wrong::bearer).isInstanceOf(ServiceTokens.ServiceTokenException.class).hasMessageContaining("401");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return get(path, token, null);
    }

    private HttpResponse<String> get(String path, String token, String serviceToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        String bearer = token != null ? token : serviceToken;
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(body.get("message").asString()).containsIgnoringCase(messagePart);
    }
}
