package com.linkwithmentor.meeting.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.input.SafeText;

import tools.jackson.databind.JsonNode;

/**
 * The platform's text rule ({@link SafeText}: no NUL, no unpaired surrogate) where the JSON reader
 * does not apply it (a multipart file name), and a depth bound for free-form JSON this service
 * stores (whiteboard elements), each a 400 naming the field.
 */
public final class CleanText {

    private CleanText() {
    }

    /** The value, if it is valid text; a 400 naming the field otherwise. */
    public static @Nullable String require(String field, @Nullable String value) {
        String problem = value == null ? null : SafeText.problem(value);
        if (problem != null) {
            throw ApiException.badRequest(field, "Field '" + field + "' " + problem);
        }
        return value;
    }

    /**
     * A free-form JSON tree this service stores: no deeper than {@code maxDepth}. (Its text was
     * checked when the body was read: common-lib's reader covers trees inside records too.)
     */
    public static void requireTree(String field, JsonNode node, int maxDepth) {
        if (depth(node, maxDepth + 1) > maxDepth) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Field '" + field + "' is nested more than " + maxDepth
                    + " levels deep", Map.of("field", field));
        }
    }

    private static int depth(JsonNode node, int stopAt) {
        if (stopAt <= 0 || !(node.isObject() || node.isArray())) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child, stopAt - 1));
            if (deepest >= stopAt) {
                break;
            }
        }
        return deepest + 1;
    }
}
