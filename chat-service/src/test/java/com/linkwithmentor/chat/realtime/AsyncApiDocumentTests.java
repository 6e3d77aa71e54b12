package com.linkwithmentor.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.conversation.MembershipFrame;
import com.linkwithmentor.chat.conversation.ReadReceipts;
import com.linkwithmentor.chat.message.MessageFrame;
import com.linkwithmentor.realtime.CloseCodes;
import com.linkwithmentor.testsupport.apidocs.AsyncApiDocuments;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code chat-websocket-asyncapi.yaml} against the socket's typed frames: every frame type chat
 * accepts ({@link ClientFrame}) or sends ({@link ServerFrame}, the message, membership and
 * read-receipt frames built where a change happens, the layer's error) is a message of the right
 * operation with the fields its record serializes, and every close code is described. No Spring
 * context.
 */
class AsyncApiDocumentTests {

    static final Path DOCUMENT = Path.of("src/main/resources/chat-websocket-asyncapi.yaml");

    static AsyncApiDocuments.Spec spec(AsyncApiDocuments.Spec spec) {
        return spec.channel(ChatSocket.PATH)
            .receives(ClientFrame.class)
            .sends(ServerFrame.class)
            .sends(MessageFrame.MESSAGE, MessageFrame.class)
            .sends("message_edited", MessageFrame.class)
            .sends("message_deleted", MessageFrame.class)
            .sends("message_moderated", MessageFrame.class)
            .sends(MembershipFrame.JOINED, MembershipFrame.class)
            .sends(MembershipFrame.LEFT, MembershipFrame.class)
            .sends("read", ReadReceipts.ReadFrame.class)
            .layerFrames()
            .closeCodes(CloseCodes.class, com.linkwithmentor.chat.room.CloseCodes.class);
    }

    @Test
    void theDocumentDescribesEveryFrameTheSocketAcceptsAndSends() {
        JsonNode document = AsyncApiDocuments.read(DOCUMENT);
        assertThat(document.path("asyncapi").asString()).startsWith("3.");
        spec(AsyncApiDocuments.of(DOCUMENT)).assertComplete();
    }

    @Test
    void aFrameMissingFromTheDocumentOrOneTheCodeLacksFailsTheCheck() {
        ObjectNode document = (ObjectNode) AsyncApiDocuments.read(DOCUMENT).deepCopy();
        ArrayNode received = (ArrayNode) document.path("operations").path("receiveClientFrames").path("messages");
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path("$ref").asString().endsWith("/client.typing")) {
                received.remove(i);
            }
        }
        ObjectNode ack = (ObjectNode) document.path("components").path("messages").path("server.ack").path("payload");
        ((ObjectNode) ack.path("properties")).putObject("clientMsgId").put("type", "string");
        ((ObjectNode) document.path("components").path("messages").path("server.pong").path("payload").path("properties")
            .path("type")).put("const", "pong_v2");
        document.put("publish", true);

        List<String> problems = spec(AsyncApiDocuments.of("changed", document)).problems();

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'typing'").contains("missing from the receive"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'clientMsgId'"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'pong_v2', which the code does not have"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("AsyncAPI 3.0.0 schema:").contains("publish"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'pong'").contains("missing from the send"));
    }
}
