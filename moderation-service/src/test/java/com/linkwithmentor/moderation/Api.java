package com.linkwithmentor.moderation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.linkwithmentor.testsupport.ApiClient;

/** A real HTTP client for moderation-service's API, with builders for the bodies tests send. */
public final class Api extends ApiClient {

    public Api(int port) {
        super(port);
    }

    /** An analyze request body for a chat message by {@code userId}. */
    public static Map<String, Object> message(UUID userId, String text) {
        return analysis(userId, "message", text);
    }

    public static Map<String, Object> analysis(UUID userId, String contentType, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content_id", "msg-" + UUID.randomUUID());
        body.put("content_type", contentType);
        body.put("user_id", userId.toString());
        body.put("text", text);
        return body;
    }

    public Reply analyze(TestTokens.Person author, String text) {
        return post("/api/v1/moderation/analyze", message(author.id(), text), author.token()).expect(200);
    }

    /** A report body about a message sent by {@code sender}. */
    public static Map<String, Object> reportOfMessage(String messageId, UUID sender, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target_type", "message");
        body.put("target_id", messageId);
        body.put("reported_user_id", sender.toString());
        body.put("reason", reason);
        return body;
    }

    public static Map<String, Object> decision(String decision, String reason) {
        return Map.of("decision", decision, "reason", reason);
    }

}
