package com.linkwithmentor.meeting.whiteboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.realtime.CloseCodes;
import com.linkwithmentor.testsupport.apidocs.AsyncApiDocuments;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code whiteboard-asyncapi.yaml} against the socket's typed frames: every frame type the board
 * accepts ({@link BoardFrame}, the layer's ping) or sends ({@link BoardServerFrame}, the fanned-out
 * {@link BoardMessage}s but {@code board_replaced}, which each instance turns into a snapshot, the
 * layer's pong and error) is a message of the right operation with the fields its record
 * serializes, and every close code is described. No Spring context.
 */
class AsyncApiDocumentTests {

    static final Path DOCUMENT = Path.of("src/main/resources/whiteboard-asyncapi.yaml");

    static AsyncApiDocuments.Spec spec(AsyncApiDocuments.Spec spec) {
        return spec.channel(WhiteboardSocket.PATH)
            .receives(BoardFrame.class)
            .sends(BoardServerFrame.class)
            .sendsExcept(BoardMessage.class, "board_replaced")
            .layerFrames()
            .closeCodes(CloseCodes.class);
    }

    @Test
    void theDocumentDescribesEveryFrameTheSocketAcceptsAndSends() {
        assertThat(AsyncApiDocuments.read(DOCUMENT).path("asyncapi").asString()).startsWith("3.");
        spec(AsyncApiDocuments.of(DOCUMENT)).assertComplete();
    }

    @Test
    void aFrameMissingFromTheDocumentOrAFieldTheCodeLacksFailsTheCheck() {
        ObjectNode document = (ObjectNode) AsyncApiDocuments.read(DOCUMENT).deepCopy();
        ArrayNode received = (ArrayNode) document.path("operations").path("receiveClientFrames").path("messages");
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path("$ref").asString().endsWith("/client.sync")) {
                received.remove(i);
            }
        }
        ((ObjectNode) document.path("components").path("schemas").path("Limits").path("properties")).remove("ops_burst");
        ((ObjectNode) document.path("components").path("schemas").path("Element").path("properties")).remove("updated_at");
        ((ObjectNode) document.path("components").path("messages").path("server.board_closed").path("payload")
            .path("properties").path("type")).put("const", "board_replaced");

        List<String> problems = spec(AsyncApiDocuments.of("changed", document)).problems();

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'sync'").contains("missing from the receive"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("limits: lacks field 'ops_burst'"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("elements: lacks field 'updated_at'"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'board_replaced', which the code does not have"));
    }
}
