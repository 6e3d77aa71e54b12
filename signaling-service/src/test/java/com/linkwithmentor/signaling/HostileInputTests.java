package com.linkwithmentor.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.signaling.SignalingCluster.TestUser;
import com.linkwithmentor.common.security.PublicEndpoints;
import com.linkwithmentor.testsupport.ApiClient;
import com.linkwithmentor.testsupport.GatewayRoutes;
import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint signaling-service exposes, sent generated hostile input by a signed-in user: no
 * 5xx, every error an ApiError, nothing of the insides echoed; and it stays ready.
 */
class HostileInputTests {

    private final SignalingCluster cluster = SignalingCluster.shared();

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        cluster.neighbours().conversation(alice.id(), bob.id());
        ApiClient api = cluster.api(0);
        UUID call = api.post("/api/v1/calls", Map.of("participant_ids", List.of(bob.id().toString()), "call_type", "audio"),
                alice.token()).expect(201).id("call_id");
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(
                cluster.bean(0, "requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(5);

        HostileInputProbe.Result result = HostileInputProbe.against(cluster.port(0), endpoints)
            .tokens(endpoint -> alice.token())
            .pathValue("call_id", call.toString())
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        api.get("/actuator/health/readiness", null).expect(200);
    }

    @Test
    void nothingIsPublicHereAndTheGatewayAgrees() {
        assertThat(cluster.bean(0, PublicEndpoints.class).describe()).isEmpty();
        assertThat(GatewayRoutes.publicPaths("signaling-service")).isEmpty();
        cluster.api(0).get("/api/v1/calls", null).expectError(401, "UNAUTHORIZED");
        cluster.api(0).get("/api/v1/calls", cluster.issuer().serviceToken("meeting-service", "calls:read").sign())
            .expectError(403, "FORBIDDEN");
    }
}
