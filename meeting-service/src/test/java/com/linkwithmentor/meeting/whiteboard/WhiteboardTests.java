package com.linkwithmentor.meeting.whiteboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The element-level model on its own: per-element versions, last writer wins per element, tombstones, bounds. */
class WhiteboardTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Whiteboard.Limits LIMITS = new Whiteboard.Limits(3, 200, 400);

    private static final UUID ASHA = UUID.randomUUID();

    private static final UUID BEN = UUID.randomUUID();

    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    private static JsonNode data(String json) {
        return JSON.readTree(json);
    }

    @Test
    void twoPeopleDrawingDifferentStrokesAtOnceKeepBoth() {
        Whiteboard board = Whiteboard.of(List.of(), LIMITS);
        assertThat(board.apply(new Whiteboard.Add("s1", "stroke", data("{\"points\":[1,2]}")), ASHA, NOW))
            .isInstanceOf(Whiteboard.Applied.class);
        assertThat(board.apply(new Whiteboard.Add("s2", "stroke", data("{\"points\":[3,4]}")), BEN, NOW))
            .isInstanceOf(Whiteboard.Applied.class);
        assertThat(board.liveCount()).isEqualTo(2);
        assertThat(board.element("s1").orElseThrow().updatedBy()).isEqualTo(ASHA);
        assertThat(board.element("s2").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void theLastWriterOfOneElementWinsAndEachWriteRaisesItsVersion() {
        Whiteboard board = Whiteboard.of(List.of(), LIMITS);
        board.apply(new Whiteboard.Add("r1", "rect", data("{\"x\":1}")), ASHA, NOW);
        board.apply(new Whiteboard.Update("r1", data("{\"x\":2}")), ASHA, NOW);
        Whiteboard.Outcome last = board.apply(new Whiteboard.Update("r1", data("{\"x\":3}")), BEN, NOW.plusSeconds(1));
        Whiteboard.Element element = ((Whiteboard.Applied) last).element();
        assertThat(element.data().path("x").asInt()).isEqualTo(3);
        assertThat(element.version()).isEqualTo(3);
        assertThat(element.updatedBy()).isEqualTo(BEN);
        assertThat(element.kind()).isEqualTo("rect");
    }

    @Test
    void aDeletedElementStaysDeletedAgainstLateUpdatesAndReusedIds() {
        Whiteboard board = Whiteboard.of(List.of(), LIMITS);
        board.apply(new Whiteboard.Add("t1", "text", data("{\"text\":\"hi\"}")), ASHA, NOW);
        Whiteboard.Element tombstone = ((Whiteboard.Applied) board.apply(new Whiteboard.Delete("t1"), BEN, NOW)).element();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.version()).isEqualTo(2);
        assertThat(tombstone.bytes()).isZero();
        assertThat(board.liveCount()).isZero();
        assertThat(board.liveBytes()).isZero();
        assertThat(board.apply(new Whiteboard.Update("t1", data("{\"text\":\"late\"}")), ASHA, NOW))
            .isEqualTo(new Whiteboard.Rejected(new Whiteboard.Update("t1", data("{\"text\":\"late\"}")), Whiteboard.Reason.DELETED));
        assertThat(reason(board.apply(new Whiteboard.Add("t1", "text", data("{}")), ASHA, NOW))).isEqualTo(Whiteboard.Reason.DELETED);
        assertThat(reason(board.apply(new Whiteboard.Delete("t1"), ASHA, NOW))).isEqualTo(Whiteboard.Reason.DELETED);
        assertThat(reason(board.apply(new Whiteboard.Update("nope", data("{}")), ASHA, NOW))).isEqualTo(Whiteboard.Reason.MISSING);
        assertThat(reason(board.apply(new Whiteboard.Delete("nope"), ASHA, NOW))).isEqualTo(Whiteboard.Reason.MISSING);
    }

    @Test
    void anAddOfAnExistingIdIsRefused() {
        Whiteboard board = Whiteboard.of(List.of(), LIMITS);
        board.apply(new Whiteboard.Add("a", "line", data("{}")), ASHA, NOW);
        assertThat(reason(board.apply(new Whiteboard.Add("a", "line", data("{}")), BEN, NOW))).isEqualTo(Whiteboard.Reason.EXISTS);
    }

    @Test
    void theBoardIsBoundedInElementsAndBytesButShrinkingIsAlwaysAllowed() {
        Whiteboard board = Whiteboard.of(List.of(), LIMITS);
        String big = "{\"p\":\"" + "x".repeat(250) + "\"}";
        assertThat(reason(board.apply(new Whiteboard.Add("huge", "stroke", data(big)), ASHA, NOW)))
            .isEqualTo(Whiteboard.Reason.ELEMENT_TOO_LARGE);
        String medium = "{\"p\":\"" + "x".repeat(150) + "\"}";
        board.apply(new Whiteboard.Add("m1", "stroke", data(medium)), ASHA, NOW);
        board.apply(new Whiteboard.Add("m2", "stroke", data(medium)), ASHA, NOW);
        assertThat(reason(board.apply(new Whiteboard.Add("m3", "stroke", data(medium)), ASHA, NOW)))
            .isEqualTo(Whiteboard.Reason.BOARD_FULL);
        assertThat(board.apply(new Whiteboard.Update("m1", data("{}")), ASHA, NOW)).isInstanceOf(Whiteboard.Applied.class);
        board.apply(new Whiteboard.Add("s1", "dot", data("{}")), ASHA, NOW);
        assertThat(board.liveCount()).isEqualTo(3);
        assertThat(reason(board.apply(new Whiteboard.Add("s2", "dot", data("{}")), ASHA, NOW))).isEqualTo(Whiteboard.Reason.BOARD_FULL);
        board.apply(new Whiteboard.Delete("s1"), ASHA, NOW);
        assertThat(board.apply(new Whiteboard.Add("s2", "dot", data("{}")), ASHA, NOW)).isInstanceOf(Whiteboard.Applied.class);
    }

    @Test
    void aPartialBoardDecidesLikeTheWholeOneForTheElementsItHolds() {
        Whiteboard whole = Whiteboard.of(List.of(), LIMITS);
        whole.apply(new Whiteboard.Add("a", "dot", data("{}")), ASHA, NOW);
        whole.apply(new Whiteboard.Add("b", "dot", data("{}")), ASHA, NOW);
        whole.apply(new Whiteboard.Add("c", "dot", data("{}")), ASHA, NOW);
        Whiteboard partial = Whiteboard.partial(List.of(whole.element("a").orElseThrow()), whole.liveCount(), whole.liveBytes(),
                LIMITS);
        assertThat(reason(partial.apply(new Whiteboard.Add("d", "dot", data("{}")), BEN, NOW))).isEqualTo(Whiteboard.Reason.BOARD_FULL);
        Whiteboard.Element updated = ((Whiteboard.Applied) partial.apply(new Whiteboard.Update("a", data("{\"r\":1}")), BEN, NOW))
            .element();
        assertThat(updated.version()).isEqualTo(2);
    }

    private static Whiteboard.Reason reason(Whiteboard.Outcome outcome) {
        return ((Whiteboard.Rejected) outcome).reason();
    }
}
