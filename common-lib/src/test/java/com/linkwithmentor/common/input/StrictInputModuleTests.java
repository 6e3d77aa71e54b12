package com.linkwithmentor.common.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.Nulls;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The input rules as the JSON reader applies them, field type by field type. */
class StrictInputModuleTests {

    record Request(String name, List<String> tags, Map<String, Object> context, JsonNode data, ObjectNode board,
            BigDecimal amount, Instant at) {
    }

    final JsonMapper json = JsonMapper.builder().addModule(new StrictInputModule())
        .changeDefaultNullHandling(handling -> handling.withContentNulls(Nulls.FAIL)).build();

    static final String VALID = """
            {"name":"Asha","tags":["java"],"context":{"k":"v"},"data":{"x":["y"]},"board":{"e":1},
             "amount":"12.50","at":"2026-12-01T10:00:00Z"}""";

    @Test
    void validInputReadsAsWritten() {
        Request request = json.readValue(VALID, Request.class);
        assertThat(request.name()).isEqualTo("Asha");
        assertThat(request.data().path("x").get(0).asString()).isEqualTo("y");
        assertThat(request.amount()).isEqualByComparingTo("12.50");
    }

    @Test
    void aNulOrAnUnpairedSurrogateIsRefusedWhereverTextCanBe() {
        for (String hostile : List.of(
                VALID.replace("\"Asha\"", "\"A\\u0000sha\""),
                VALID.replace("[\"java\"]", "[\"ja\\ud800va\"]"),
                VALID.replace("{\"k\":\"v\"}", "{\"k\":\"v\\u0000\"}"),
                VALID.replace("{\"k\":\"v\"}", "{\"k\\u0000\":\"v\"}"),
                VALID.replace("{\"x\":[\"y\"]}", "{\"x\":[\"y\\u0000\"]}"),
                VALID.replace("{\"x\":[\"y\"]}", "{\"\\udc00\":1}"),
                VALID.replace("{\"e\":1}", "{\"e\":\"\\u0000\"}"))) {
            assertThatThrownBy(() -> json.readValue(hostile, Request.class)).as(hostile)
                .isInstanceOf(RejectedInputException.class);
        }
    }

    @Test
    void aNullInsideAListIsAnErrorNotAnElement() {
        assertThatThrownBy(() -> json.readValue(VALID.replace("[\"java\"]", "[null]"), Request.class))
            .isInstanceOf(InvalidNullException.class);
    }

    @Test
    void numbersAndInstantsOutOfAnySaneRangeAreRefused() {
        for (String hostile : List.of(VALID.replace("\"12.50\"", "1e-999999"), VALID.replace("\"12.50\"", "1e999999"),
                VALID.replace("\"2026-12-01T10:00:00Z\"", "\"+1000000000-01-01T00:00:00Z\""),
                VALID.replace("{\"x\":[\"y\"]}", "{\"x\":1e999999}"))) {
            assertThatThrownBy(() -> json.readValue(hostile, Request.class)).as(hostile)
                .isInstanceOf(RejectedInputException.class);
        }
    }
}
