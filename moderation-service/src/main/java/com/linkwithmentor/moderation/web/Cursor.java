package com.linkwithmentor.moderation.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.linkwithmentor.common.error.ApiException;

/**
 * Opaque page cursors: the sort key of the last item of a page, base64url-encoded so clients
 * treat it as a token rather than build their own. A cursor that does not decode is a 400.
 */
public final class Cursor {

    private static final String SEPARATOR = "|";

    private Cursor() {
    }

    public static String encode(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            if (!joined.isEmpty()) {
                joined.append(SEPARATOR);
            }
            joined.append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this endpoint issued; anything else is a 400 naming the parameter. */
    public static String[] decode(String cursor, int expectedParts) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                .split("\\" + SEPARATOR, -1);
            if (parts.length == expectedParts) {
                return parts;
            }
        }
        catch (IllegalArgumentException ex) {
            // Not base64: same answer as a wrong shape.
        }
        throw invalid();
    }

    public static ApiException invalid() {
        return ApiException.badRequest("cursor", "The cursor is not valid; start again without one");
    }
}
