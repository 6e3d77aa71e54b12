package com.linkwithmentor.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Bad input, unknown routes, missing tokens and failures all come back as the ApiError body, over real HTTP. */
@RealServers
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorHandlingTests {

    static final TestTokenIssuer issuer = TestTokenIssuer.start();

    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("lwm.security.jwks-url", issuer::jwksUrl);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    final UUID userId = UUID.randomUUID();

    String mentee() {
        return issuer.token(userId, "mentee").sign();
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() throws Exception {
        Reply reply = post("/api/v1/samples", "{\"display_name\": \"x\",", mentee());
        reply.assertError(400, "VALIDATION_ERROR");
        assertThat(reply.body.get("message").asString()).contains("not valid JSON");
    }

    @Test
    void aWronglyTypedFieldIsNamedInSnakeCase() throws Exception {
        Reply reply = post("/api/v1/samples",
                "{\"display_name\":\"Asha\",\"contact_email\":\"a@b.in\",\"hourly_rate\":\"lots\"}", mentee());
        reply.assertError(400, "VALIDATION_ERROR");
        assertThat(reply.body.get("details").get("field").asString()).isEqualTo("hourly_rate");
    }

    @Test
    void validationErrorsListEveryFieldAsTheClientSpellsIt() throws Exception {
        Reply reply = post("/api/v1/samples", "{\"display_name\":\"\",\"contact_email\":\"not-an-email\"}", mentee());
        reply.assertError(400, "VALIDATION_ERROR");
        assertThat(reply.body.get("details").get("fields").findValuesAsString("field"))
            .containsExactlyInAnyOrder("display_name", "contact_email");
    }

    @Test
    void aValidRequestSeesTheCurrentUser() throws Exception {
        Reply reply = post("/api/v1/samples", "{\"display_name\":\"Asha\",\"contact_email\":\"a@b.in\",\"hourly_rate\":5}",
                mentee());
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.get("owner_id").asString()).isEqualTo(userId.toString());
        assertThat(reply.body.get("active_role").asString()).isEqualTo("mentee");
    }

    @Test
    void anUnknownRouteIsA404() throws Exception {
        get("/api/v1/nothing-here", mentee()).assertError(404, "NOT_FOUND");
    }

    @Test
    void aMissingEntityIsA404() throws Exception {
        get("/api/v1/samples/" + UUID.randomUUID(), mentee()).assertError(404, "NOT_FOUND");
    }

    @Test
    void aMalformedIdIsA400NamingTheParameter() throws Exception {
        Reply reply = get("/api/v1/samples/not-a-uuid", mentee());
        reply.assertError(400, "VALIDATION_ERROR");
        assertThat(reply.body.get("message").asString()).contains("sampleId");
    }

    @Test
    void aWrongMethodIsA405() throws Exception {
        send(HttpRequest.newBuilder(uri("/api/v1/samples/public")).header("Authorization", "Bearer " + mentee())
            .DELETE()).assertError(405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aWrongContentTypeIsA415() throws Exception {
        send(HttpRequest.newBuilder(uri("/api/v1/samples")).header("Authorization", "Bearer " + mentee())
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")))
            .assertError(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() throws Exception {
        Reply reply = get("/api/v1/samples/boom", mentee());
        reply.assertError(500, "INTERNAL_ERROR");
        assertThat(reply.raw).doesNotContain("hunter2", "IllegalStateException", "at com.");
    }

    @Test
    void noTokenIsA401() throws Exception {
        get("/api/v1/samples/" + UUID.randomUUID(), null).assertError(401, "UNAUTHORIZED");
    }

    @Test
    void aGarbageTokenIsA401() throws Exception {
        get("/api/v1/samples/" + UUID.randomUUID(), "not.a.jwt").assertError(401, "UNAUTHORIZED");
    }

    @Test
    void aPublicPathNeedsNoToken() throws Exception {
        assertThat(get("/api/v1/samples/public", null).status).isEqualTo(200);
    }

    @Test
    void healthIsPublic() throws Exception {
        assertThat(get("/actuator/health/readiness", null).status).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).status).isEqualTo(200);
    }

    @Test
    void someoneElsesDataIsForbidden() throws Exception {
        get("/api/v1/samples/users/" + UUID.randomUUID(), mentee()).assertError(403, "FORBIDDEN");
        assertThat(get("/api/v1/samples/users/" + userId, mentee()).status).isEqualTo(200);
    }

    @Test
    void anAdminMayReadSomeoneElsesData() throws Exception {
        String admin = issuer.token(UUID.randomUUID(), "admin").roles("mentee", "admin").sign();
        assertThat(get("/api/v1/samples/users/" + userId, admin).status).isEqualTo(200);
    }

    @Test
    void theWrongActiveRoleIsForbiddenEvenIfTheUserHoldsTheRole() throws Exception {
        String menteeActive = issuer.token(userId, "mentee").roles("mentee", "mentor").sign();
        post("/api/v1/samples/mentor-only", "{}", menteeActive).assertError(403, "FORBIDDEN");
        String mentorActive = issuer.token(userId, "mentor").roles("mentee", "mentor").sign();
        assertThat(post("/api/v1/samples/mentor-only", "{}", mentorActive).status).isEqualTo(200);
    }

    @Test
    void theCallersRequestIdIsKeptAndAnUnsafeOneReplaced() throws Exception {
        HttpResponse<String> kept = http.send(HttpRequest.newBuilder(uri("/api/v1/samples/" + UUID.randomUUID()))
            .header("X-Request-Id", "trace-123").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("X-Request-Id")).contains("trace-123");
        assertThat(json.readTree(kept.body()).get("request_id").asString()).isEqualTo("trace-123");

        HttpResponse<String> replaced = http.send(HttpRequest.newBuilder(uri("/api/v1/samples/public"))
            .header("X-Request-Id", "bad id\twith spaces").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Reply get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    Reply post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
        JsonNode body = isJson ? json.readTree(response.body()) : json.createObjectNode();
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("X-Request-Id").orElse(null), body, response.body());
    }

    record Reply(int status, String contentType, String requestId, JsonNode body, String raw) {

        void assertError(int expectedStatus, String errorCode) {
            assertThat(status).as(raw).isEqualTo(expectedStatus);
            assertThat(contentType).startsWith("application/problem+json");
            assertThat(body.get("error_code").asString()).isEqualTo(errorCode);
            assertThat(body.get("message").asString()).isNotBlank();
            assertThat(body.get("timestamp").asString()).isNotBlank();
            assertThat(body.get("request_id").asString()).isEqualTo(requestId).isNotBlank();
            assertThat(raw).doesNotContain("\"trace\"", "Exception:");
        }
    }
}
