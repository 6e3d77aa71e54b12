package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.security.PublicEndpoints;
import com.linkwithmentor.testsupport.GatewayRoutes;

/** The edge and the service agree on what needs no token: only the signed media path. */
class PublicRoutesTests {

    private final LectureFixture fixture = LectureFixture.shared();

    @Test
    void theGatewayListsExactlyTheEndpointsThisServiceMarksPublic() {
        assertThat(fixture.bean(PublicEndpoints.class).describe()).containsExactly("GET /media/**");
        assertThat(fixture.bean(PublicEndpoints.class).describe()).isEqualTo(GatewayRoutes.publicPaths("lecture-service"));
    }

    @Test
    void everyOtherEndpointWantsAToken() {
        LectureApi api = fixture.api();
        api.get("/api/v1/courses", null).expectError(401, "UNAUTHORIZED");
        api.get("/api/v1/lectures/" + java.util.UUID.randomUUID() + "/playback", null).expectError(401, "UNAUTHORIZED");
        api.get("/media/lectures/x/master.m3u8", null).expectError(403, "FORBIDDEN");
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
