package com.linkwithmentor.chat;

import java.util.Map;
import java.util.UUID;

import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/**
 * test-support's WebSocket client on {@code /ws/chat}: opens with a token, waits for the
 * {@code ready} frame, and sends messages the way the protocol does (a {@code send}, then its
 * {@code ack} or {@code error}).
 */
final class ChatClient extends SocketClient {

    private JsonNode ready;

    private ChatClient() {
    }

    /** Opens {@code /ws/chat} on the socket port and waits for {@code ready}. */
    static ChatClient connect(int socketPort, String token) {
        ChatClient client = open(new ChatClient(), socketPort, "/ws/chat?access_token=" + token, Map.of());
        client.ready = client.awaitType("ready");
        return client;
    }

    /** Tries a handshake on {@code /ws/chat + query} that should fail; the HTTP status and body of the refusal. */
    static Refusal refusal(int socketPort, String query, Map<String, String> headers) {
        return SocketClient.refused(socketPort, "/ws/chat" + query, headers);
    }

    /** The {@code ready} frame the server opened with. */
    JsonNode ready() {
        return ready;
    }

    /** Sends a message and waits for its ack (or the error answering it). */
    JsonNode sendMessage(UUID conversationId, String clientMsgId, String content) {
        send(frame("send", "conversation_id", conversationId, "client_msg_id", clientMsgId, "content", content));
        return await(frame -> ("ack".equals(type(frame)) || "error".equals(type(frame)))
                && clientMsgId.equals(frame.path("client_msg_id").asString()));
    }
}
