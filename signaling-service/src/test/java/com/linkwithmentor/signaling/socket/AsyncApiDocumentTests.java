package com.linkwithmentor.signaling.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.realtime.CloseCodes;
import com.linkwithmentor.testsupport.apidocs.AsyncApiDocuments;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code signaling-websocket-asyncapi.yaml} against the socket's typed frames: every frame type
 * signaling accepts ({@link SignalFrame}) or sends ({@link ServerFrame}, the layer's error) is a
 * message of the right operation with the fields its record serializes (the ICE candidate and the
 * ready frame's calls included), and every close code is described. No Spring context.
 */
class AsyncApiDocumentTests {

    static final Path DOCUMENT = Path.of("src/main/resources/signaling-websocket-asyncapi.yaml");

    static AsyncApiDocuments.Spec spec(AsyncApiDocuments.Spec spec) {
        return spec.channel(SignalingSocket.PATH)
            .receives(SignalFrame.class)
            .sends(ServerFrame.class)
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
        ArrayNode sent = (ArrayNode) document.path("operations").path("sendServerFrames").path("messages");
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).path("$ref").asString().endsWith("/server.peer_left")) {
                sent.remove(i);
            }
        }
        ((ObjectNode) document.path("components").path("schemas").path("Candidate").path("properties"))
            .putObject("sdpMid").put("type", "string");
        ((ObjectNode) document.path("channels").path("signaling")).putArray("x-close-codes");

        List<String> problems = spec(AsyncApiDocuments.of("changed", document)).problems();

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'peer_left'").contains("missing from the send"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("candidate: field 'sdpMid'"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("close code 4001"));
    }
}
