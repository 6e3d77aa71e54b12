package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint meeting-service exposes (read from its handler mappings, so a new one is probed the
 * day it is written), sent the platform's generated hostile input by participants of a real
 * session: no 5xx, every error an ApiError, nothing of the insides echoed; and it stays ready.
 */
class HostileInputTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        cluster.clock().reset();
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(40, 10), api.slot(40, 11));
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(
                cluster.context(0).getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        assertThat(endpoints).hasSizeGreaterThan(25);

        HostileInputProbe.Result result = HostileInputProbe.against(cluster.port(0), endpoints)
            .tokens(endpoint -> endpoint.path().startsWith("/api/v1/availability") && endpoint.method().equals("PUT")
                    ? mentor.token() : mentee.token())
            .pathValue("session_id", session.toString())
            .pathValue("mentor_id", mentor.id().toString())
            .pathValue("material_id", UUID.randomUUID().toString())
            .pathValue("file", "A".repeat(43) + ".ics")
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        api.get("/actuator/health/readiness", null).expect(200);
    }

    @Test
    void idsTomcatRefusesBeforeAnyServletAreStillApiErrors() {
        TestUser mentee = api.mentee();
        for (String id : List.of("%00", "a%2Fb", "%2e%2e%2f", "%E2%82%AC%F0%9F")) {
            Api.Reply refused = api.get("/api/v1/sessions/" + id, mentee.token());
            assertThat(refused.status()).as(id).isBetween(400, 404);
            assertThat(refused.header("Content-Type")).as(id).contains("json");
            assertThat(refused.raw()).as(id).doesNotContain("<html", "Tomcat");
        }
        api.get("/api/v1/sessions?cursor=%FF%FE", mentee.token()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/sessions?as=%E2%82", mentee.token()).expectError(400, "VALIDATION_ERROR");
    }
}
