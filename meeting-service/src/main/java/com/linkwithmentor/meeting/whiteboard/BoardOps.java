package com.linkwithmentor.meeting.whiteboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.meeting.web.CleanText;

import tools.jackson.databind.JsonNode;

/**
 * Element operations as clients send them, over REST ({@code POST .../whiteboard/ops}) and over the
 * live socket alike: one input shape, one translation into {@link Whiteboard.Op}s, one result shape.
 */
final class BoardOps {

    static final int MAX_DATA_DEPTH = 12;

    enum OpType {
        ADD, UPDATE, DELETE
    }

    record OpInput(@NotNull OpType op, @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String elementId,
            @Nullable @Pattern(regexp = "[a-z][a-z0-9_]{0,31}") String kind, @Nullable JsonNode data) {
    }

    record OpResult(String elementId, OpType op, String status, @Nullable String reason, @Nullable Long elementVersion) {
    }

    /** What a batch did: the board's version after it, how many applied, and each op's outcome in order. */
    record Results(long version, int applied, List<OpResult> results) {
    }

    private BoardOps() {
    }

    /** Checks the batch's size and each op's fields ({@code field} prefixes the names in errors, e.g. {@code ops}). */
    static List<Whiteboard.Op> parse(List<@Valid OpInput> inputs, int maxOps, String field) {
        if (inputs.size() > maxOps) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A batch holds at most " + maxOps + " operations",
                    Map.of("field", field, "max_ops", maxOps));
        }
        List<Whiteboard.Op> ops = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            ops.add(op(inputs.get(i), field + "[" + i + "]"));
        }
        return ops;
    }

    static Whiteboard.Op op(OpInput input, String field) {
        return switch (input.op()) {
            case ADD -> {
                if (input.kind() == null) {
                    throw ApiException.badRequest(field + ".kind", "An add names the element's kind");
                }
                requireObject(field + ".data", input.data());
                yield new Whiteboard.Add(input.elementId(), input.kind(), input.data());
            }
            case UPDATE -> {
                requireObject(field + ".data", input.data());
                yield new Whiteboard.Update(input.elementId(), input.data());
            }
            case DELETE -> new Whiteboard.Delete(input.elementId());
        };
    }

    static void requireObject(String field, @Nullable JsonNode data) {
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest(field, "Field '" + field + "' must be a JSON object");
        }
        CleanText.requireTree(field, data, MAX_DATA_DEPTH);
    }

    static Results results(List<OpInput> inputs, LiveBoards.BatchResult result) {
        List<OpResult> results = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < result.outcomes().size(); i++) {
            OpInput input = inputs.get(i);
            switch (result.outcomes().get(i)) {
                case Whiteboard.Applied done -> {
                    applied++;
                    results.add(new OpResult(input.elementId(), input.op(), "applied", null, done.element().version()));
                }
                case Whiteboard.Rejected refused -> results.add(new OpResult(input.elementId(), input.op(), "rejected",
                        refused.reason().name().toLowerCase(Locale.ROOT), null));
            }
        }
        return new Results(result.version(), applied, results);
    }
}
