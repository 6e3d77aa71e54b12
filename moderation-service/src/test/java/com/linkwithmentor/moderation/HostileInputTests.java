package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint moderation-service exposes, sent generated hostile input (by an admin, so the
 * admin endpoints are reached too): no 5xx, every error an ApiError, nothing of the insides echoed.
 */
@ModerationServiceTest
class HostileInputTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        TestTokens.Person admin = TestTokens.admin();
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(mapping);
        assertThat(endpoints).hasSizeGreaterThan(15);

        HostileInputProbe.Result result = HostileInputProbe.against(port, endpoints)
            .tokens(endpoint -> admin.token())
            .pathValue("user_id", admin.id().toString())
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        new Api(port).get("/actuator/health/readiness", null).expect(200);
    }
}
