package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.chat.ChatCluster.TestUser;
import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every REST endpoint chat-service exposes, sent generated hostile input by a member of a real
 * conversation: no 5xx, every error an ApiError, nothing of the insides echoed; and it stays ready.
 */
class HostileInputTests {

    final ChatCluster cluster = ChatCluster.shared();

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        Api api = cluster.api(0);
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(
                cluster.bean(0, "requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        assertThat(endpoints).hasSizeGreaterThan(5);

        HostileInputProbe.Result result = HostileInputProbe.against(cluster.port(0), endpoints)
            .tokens(endpoint -> alice.token())
            .pathValue("conversation_id", conversation.toString())
            .pathValue("user_id", bob.id().toString())
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        api.get("/actuator/health/readiness", null).expect(200);
    }
}
