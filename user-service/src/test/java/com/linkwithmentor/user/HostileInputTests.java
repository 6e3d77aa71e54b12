package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint user-service exposes, sent generated hostile input by a signed-in user holding
 * every role: no 5xx, every error an ApiError, nothing of the insides echoed; and it stays ready.
 */
@UserServiceTest
class HostileInputTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        Api api = new Api(port);
        Api.Session user = api.newUser("mentee", "mentor");
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(mapping);
        assertThat(endpoints).hasSizeGreaterThan(20);

        HostileInputProbe.Result result = HostileInputProbe.against(port, endpoints)
            .tokens(endpoint -> endpoint.path().startsWith("/api/v1/admin") ? api.tokenAs(user, "mentee") : user.accessToken())
            .pathValue("user_id", user.userId().toString())
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        api.get("/actuator/health/readiness", null).expect(200);
    }

    @Test
    void concurrentIdenticalRegistrationsAreOneCreatedAndTheRestConflicts() throws Exception {
        Api api = new Api(port);
        String name = "race" + java.util.UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> api.register(name, name + "@example.com", "correct-horse-42")));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Api.Reply> reply : replies) {
                statuses.add(reply.get().status());
                if (reply.get().status() == 409) {
                    assertThat(reply.get().text("error_code")).isEqualTo("CONFLICT");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachClassOfBadInputTheProbeFoundIsA400NamingTheProblem() {
        Api api = new Api(port);
        Api.Session user = api.newUser("mentee", "mentor");
        String me = "/api/v1/users/" + user.userId();
        // NUL in stored text, and a lone surrogate in a password.
        Api.Reply nul = api.put("/api/v1/profiles/" + user.userId(), "{\"display_name\":\"a\\u0000b\"}", user.accessToken())
            .expectError(400, "VALIDATION_ERROR");
        assertThat(nul.text("message")).contains("display_name", "NUL");
        Api.Reply surrogate = api.post("/api/v1/auth/register",
                "{\"username\":\"surrogate1\",\"email\":\"s1@example.com\",\"password\":\"correct-horse-\\ud800\"}", null)
            .expectError(400, "VALIDATION_ERROR");
        assertThat(surrogate.text("message")).contains("password", "surrogate");
        api.post("/api/v1/auth/login", "{\"login\":\"x\",\"password\":\"\\udc00\"}", null).expectError(400, "VALIDATION_ERROR");
        // A null inside a list.
        Api.Reply nullElement = api.put(me + "/mentee-profile", "{\"preferred_session_types\":[null]}", user.accessToken())
            .expectError(400, "VALIDATION_ERROR");
        assertThat(nullElement.text("message")).contains("preferred_session_types[0]", "null");
        // Numbers, dates and cursors out of range, and text that is not text in a query.
        api.get("/api/v1/mentors?min_rating=1e-999999", user.accessToken()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?q=%FF%FE", user.accessToken()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?q=a%00b", user.accessToken()).expectError(400, "VALIDATION_ERROR");
        String farFuture = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("0|1e999999|" + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        api.get("/api/v1/mentors?sort=rate&cursor=" + farFuture, user.accessToken()).expectError(400, "VALIDATION_ERROR");
        // Ids Tomcat refuses before any servlet runs: the ApiError body, not its HTML page.
        for (String id : List.of("%00", "a%2Fb", "%2e%2e%2f")) {
            Api.Reply refused = api.get("/api/v1/users/" + id, user.accessToken());
            assertThat(refused.status()).as(id).isBetween(400, 404);
            assertThat(refused.header("Content-Type")).as(id).contains("json");
            assertThat(refused.raw()).as(id).doesNotContain("<html", "Tomcat");
        }
    }
}
