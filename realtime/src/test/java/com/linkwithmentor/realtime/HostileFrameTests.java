package com.linkwithmentor.realtime;

import static com.linkwithmentor.testsupport.SocketClient.frame;
import static com.linkwithmentor.testsupport.SocketClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.RawSocket;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/**
 * Whatever a client sends, it gets a clear answer and keeps its socket: every bad frame is an
 * {@code error} frame naming the problem without echoing the input, and the next good frame is
 * served. Only a message over the size limit closes, with 1009; never 1011 or 4500.
 */
class HostileFrameTests {

    private final SocketCluster cluster = SharedCluster.get();

    @Test
    void framesThatAreNotOneTypedJsonObjectAreBadFramesAndTheSocketStaysOpen() {
        try (SocketClient client = cluster.connect(0)) {
            for (String junk : List.of("this is not json", "[1, 2, 3]", "42", "\"text\"", "null", "{}", "{\"type\":7}",
                    "{\"type\":null}", "{\"type\":\"say\",\"type\":\"join\"}", "{\"type\":\"say\"", "")) {
                client.sendRaw(junk);
                JsonNode error = client.awaitType("error");
                assertThat(error.path("code").asString()).as(junk).isEqualTo("bad_frame");
                assertThat(error.path("message").asString()).as(junk).isNotBlank().doesNotContain("Exception", "Jackson");
                assertStillServed(client);
            }
        }
    }

    @Test
    void anUnknownTypeIsABadFrameThatNeverEchoesWhatWasSentEvenALoneSurrogate() {
        try (SocketClient client = cluster.connect(0)) {
            for (String type : List.of("dance", "\\ud800", "\\udfff\\ud800", "say\\u0000", "<script>", "x".repeat(500))) {
                client.sendRaw("{\"type\":\"" + type + "\",\"text\":\"hi\"}");
                JsonNode error = client.awaitType("error");
                assertThat(error.path("code").asString()).isEqualTo("bad_frame");
                assertThat(error.path("details").path("field").asString()).isEqualTo("type");
                assertThat(error.path("details").path("expected").toString()).contains("say", "join");
                assertThat(error.toString()).doesNotContain("dance", "<script>", "xxxxxxxx", "\\ud800", "\\udfff");
                assertThat(error.has("in_reply_to")).isFalse();
                assertStillServed(client);
            }
        }
    }

    @Test
    void nulCharactersAndLoneSurrogatesAnywhereAreRefusedNamingTheField() {
        try (SocketClient client = cluster.connect(0)) {
            client.sendRaw("{\"type\":\"say\",\"text\":\"nul\\u0000byte\",\"request_id\":\"r-1\"}");
            JsonNode nul = client.awaitType("error");
            assertThat(nul.path("code").asString()).isEqualTo("validation_error");
            assertThat(nul.path("details").path("field").asString()).isEqualTo("text");
            assertThat(nul.path("message").asString()).contains("NUL");
            assertThat(nul.path("in_reply_to").asString()).isEqualTo("say");
            assertThat(nul.path("request_id").asString()).isEqualTo("r-1");

            client.sendRaw("{\"type\":\"say\",\"text\":\"half \\ud83d an emoji\"}");
            JsonNode lone = client.awaitType("error");
            assertThat(lone.path("code").asString()).isEqualTo("validation_error");
            assertThat(lone.path("message").asString()).contains("unpaired surrogate");

            client.sendRaw("{\"type\":\"tags\",\"tags\":[\"ok\",\"bad\\udc00\"]}");
            assertThat(client.awaitType("error").path("details").path("field").asString()).isEqualTo("tags[1]");

            client.sendRaw("{\"type\":\"say\",\"text\":\"fine\",\"extra\\u0000\":1}");
            assertThat(client.awaitType("error").path("code").asString()).isEqualTo("validation_error");

            // A whole emoji is fine, of course.
            client.send(frame("say", "text", "\uD83D\uDE00 ok", "request_id", "r-2"));
            assertThat(client.awaitType("said").path("text").asString()).isEqualTo("\uD83D\uDE00 ok");
        }
    }

    @Test
    void wrongTypesMissingFieldsAndBrokenConstraintsAreValidationErrorsNamingTheField() {
        try (SocketClient client = cluster.connect(0)) {
            client.sendRaw("{\"type\":\"work\",\"millis\":\"soon\"}");
            assertError(client.awaitType("error"), "validation_error", "millis");
            client.sendRaw("{\"type\":\"work\",\"millis\":1e999999}");
            assertError(client.awaitType("error"), "validation_error", "millis");
            client.sendRaw("{\"type\":\"work\",\"millis\":99999999999999999999999}");
            assertError(client.awaitType("error"), "validation_error", "millis");
            client.sendRaw("{\"type\":\"work\",\"millis\":-1}");
            assertError(client.awaitType("error"), "validation_error", "millis");
            client.sendRaw("{\"type\":\"join\"}");
            assertError(client.awaitType("error"), "validation_error", "room");
            client.sendRaw("{\"type\":\"join\",\"room\":{\"nested\":true}}");
            assertError(client.awaitType("error"), "validation_error", "room");
            client.sendRaw("{\"type\":\"tags\",\"tags\":[\"a\",null]}");
            assertThat(client.awaitType("error").path("details").path("field").asString()).startsWith("tags");
            client.sendRaw("{\"type\":\"tags\",\"tags\":\"not a list\"}");
            assertError(client.awaitType("error"), "validation_error", "tags");
            assertStillServed(client);
        }
    }

    @Test
    void deepNestingIsABadFrameAndDoesNotReachTheParserLimitsOfTheService() {
        try (SocketClient client = cluster.connect(0)) {
            String deep = "{\"type\":\"say\",\"text\":\"x\",\"junk\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
            client.sendRaw(deep);
            JsonNode error = client.awaitType("error");
            assertThat(error.path("code").asString()).isEqualTo("bad_frame");
            assertThat(error.path("message").asString()).contains("nested");
            assertStillServed(client);
        }
    }

    @Test
    void theServiceSeesApiExceptionsAsErrorFramesAndItsFailuresAsInternalErrorsThatLeakNothing() {
        try (SocketClient client = cluster.connect(0)) {
            client.send(frame("tags", "tags", List.of("forbidden")));
            assertThat(client.awaitType("error").path("code").asString()).isEqualTo("forbidden");
            client.send(frame("tags", "tags", List.of("boom")));
            JsonNode internal = client.awaitType("error");
            assertThat(internal.path("code").asString()).isEqualTo("internal_error");
            assertThat(internal.toString()).doesNotContain("IllegalState", "internal detail");
            assertStillServed(client);
        }
    }

    @Test
    void binaryFramesInvalidUtf8AndStrayControlFramesAreAnsweredWithoutClosing() {
        UUID user = UUID.randomUUID();
        try (RawSocket raw = RawSocket.open(cluster.port(0), "/ws/echo?access_token=" + cluster.token(user), 0)) {
            assertThat(raw.readText("\"ready\"", Duration.ofSeconds(5))).isNotNull();

            raw.send(RawSocket.BINARY, true, new byte[] { 1, 2, 3 });
            assertThat(raw.readText("bad_frame", Duration.ofSeconds(5)).text()).contains("binary");

            raw.send(RawSocket.TEXT, true, new byte[] { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xc3, (byte) 0x28,
                    '"', '}' });
            assertThat(raw.readText("bad_frame", Duration.ofSeconds(5))).isNotNull();
            // An encoded surrogate (CESU-style) is not UTF-8 either.
            raw.send(RawSocket.TEXT, true, ("{\"type\":\"say\",\"text\":\"" + new String(new byte[] { (byte) 0xed,
                    (byte) 0xa0, (byte) 0x80 }, StandardCharsets.ISO_8859_1) + "\"}").getBytes(StandardCharsets.ISO_8859_1));
            RawSocket.Frame answer = raw.readText("\"error\"", Duration.ofSeconds(5));
            assertThat(answer).isNotNull();

            raw.send(RawSocket.PING, true, new byte[] { 7 });
            RawSocket.Frame pong = raw.read(Duration.ofSeconds(5));
            assertThat(pong).isNotNull();
            assertThat(pong.opcode()).isEqualTo(0xA);

            // A message in fragments is one message.
            raw.send(RawSocket.TEXT, false, "{\"type\":\"say\",".getBytes(StandardCharsets.UTF_8));
            raw.send(RawSocket.CONTINUATION, false, "\"text\":\"in ".getBytes(StandardCharsets.UTF_8));
            raw.send(RawSocket.CONTINUATION, true, "pieces\",\"request_id\":\"f\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readText("\"said\"", Duration.ofSeconds(5)).text()).contains("in pieces");

            // Broken WebSocket framing (a continuation with nothing to continue) is a protocol error: 1002, as RFC 6455 says.
            raw.send(RawSocket.CONTINUATION, true, "stray".getBytes(StandardCharsets.UTF_8));
            assertThat(closeCode(raw)).isEqualTo(1002);
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesWith1009WholeOrInFragments() {
        UUID user = UUID.randomUUID();
        try (RawSocket raw = RawSocket.open(cluster.port(0), "/ws/echo?access_token=" + cluster.token(user), 0)) {
            assertThat(raw.readText("\"ready\"", Duration.ofSeconds(5))).isNotNull();
            raw.send(RawSocket.TEXT, true, ("{\"type\":\"say\",\"text\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
            assertThat(closeCode(raw)).isEqualTo(1009);
        }
        try (RawSocket raw = RawSocket.open(cluster.port(0), "/ws/echo?access_token=" + cluster.token(user), 0)) {
            assertThat(raw.readText("\"ready\"", Duration.ofSeconds(5))).isNotNull();
            for (int i = 0; i < 5; i++) {
                raw.send(i == 0 ? RawSocket.TEXT : RawSocket.CONTINUATION, false, "y".repeat(4000)
                    .getBytes(StandardCharsets.UTF_8));
            }
            assertThat(closeCode(raw)).isEqualTo(1009);
        }
    }

    private static int closeCode(RawSocket raw) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            RawSocket.Frame frame = raw.read(Duration.ofSeconds(5));
            if (frame == null) {
                return -1;
            }
            if (frame.opcode() == RawSocket.CLOSE) {
                return frame.closeCode();
            }
        }
        return -1;
    }

    private static void assertError(JsonNode error, String code, String field) {
        assertThat(type(error)).as(error.toString()).isEqualTo("error");
        assertThat(error.path("code").asString()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("details").path("field").asString()).as(error.toString()).isEqualTo(field);
        assertThat(error.path("message").asString()).isNotBlank().doesNotContain("Exception");
    }

    /** A good frame right after is still answered: the socket is open and in order. */
    private static void assertStillServed(SocketClient client) {
        String id = "still-" + UUID.randomUUID();
        client.send(frame("say", "text", "still here", "request_id", id));
        assertThat(client.await(f -> "said".equals(type(f)) && id.equals(f.path("request_id").asString()))).isNotNull();
        assertThat(client.isClosed()).isFalse();
    }
}
