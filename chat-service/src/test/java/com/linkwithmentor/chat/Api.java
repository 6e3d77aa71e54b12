package com.linkwithmentor.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.linkwithmentor.testsupport.ApiClient;

/** A real HTTP client for chat-service's REST API, with the fixtures tests build conversations from. */
final class Api extends ApiClient {

    Api(int port) {
        super(port);
    }

    /** A direct conversation between the caller and another user. */
    Reply direct(ChatCluster.TestUser caller, UUID other) {
        return post("/api/v1/conversations", Map.of("type", "direct", "member_ids", List.of(other.toString())),
                caller.token());
    }

    /** A group owned by the caller, with the others as members. */
    UUID group(ChatCluster.TestUser owner, String title, ChatCluster.TestUser... members) {
        return post("/api/v1/conversations", Map.of("type", "group", "title", title, "member_ids",
                java.util.Arrays.stream(members).map(m -> m.id().toString()).toList()), owner.token())
            .expect(201).id("conversation_id");
    }
}
