package com.linkwithmentor.common.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A failure the client caused or must hear about, carrying its error code, a message fit for the
 * client, and optional structured details. Thrown from domain code; rendered by the error handler.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    private final @Nullable Object details;

    public ApiException(ErrorCode code, String message, @Nullable Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public @Nullable Object details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, Map.of("field", field));
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(ErrorCode.UNPROCESSABLE, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }
}
