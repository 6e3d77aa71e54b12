package com.linkwithmentor.meeting.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Text PostgreSQL can store unchanged: no NUL (refused by {@code text} and {@code jsonb}) and no
 * unpaired UTF-16 surrogate (the JDBC driver would silently store {@code ?} instead). Refused with
 * a 400 naming the field rather than changed.
 */
public final class CleanText {

    public static final String PROBLEM = "must not contain NUL characters or unpaired UTF-16 surrogates";

    private CleanText() {
    }

    public static boolean isClean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
            else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The value, if clean; a 400 naming the field otherwise. */
    public static @Nullable String require(String field, @Nullable String value) {
        if (value != null && !isClean(value)) {
            throw ApiException.badRequest(field, "Field '" + field + "' " + PROBLEM);
        }
        return value;
    }

    /**
     * Checks every string and object key of a JSON tree (which Jackson builds without the string
     * deserializer) and its depth; a 400 naming the field otherwise.
     */
    public static void requireTree(String field, JsonNode node, int maxDepth) {
        String problem = treeProblem(node, maxDepth);
        if (problem != null) {
            throw new ApiException(com.linkwithmentor.common.error.ErrorCode.VALIDATION_ERROR,
                    "Field '" + field + "' " + problem, Map.of("field", field));
        }
    }

    static @Nullable String treeProblem(JsonNode node, int depthLeft) {
        if (depthLeft < 0) {
            return "is nested too deeply";
        }
        if (node.isString()) {
            return isClean(node.asString()) ? null : PROBLEM;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!isClean(entry.getKey())) {
                    return PROBLEM;
                }
                String inner = treeProblem(entry.getValue(), depthLeft - 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                String inner = treeProblem(element, depthLeft - 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
