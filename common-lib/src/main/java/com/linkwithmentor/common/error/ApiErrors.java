package com.linkwithmentor.common.error;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import com.linkwithmentor.common.web.RequestIds;

/**
 * Builds the one error body every service and the gateway return: an RFC 9457 problem document
 * carrying the design's ApiError fields ({@code error_code}, {@code message}, {@code details},
 * {@code timestamp}, {@code request_id}) as extension members.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ProblemDetail problem(ErrorCode code, String message, @Nullable Object details,
            @Nullable String requestId) {
        return problem(code.status(), code, message, details, requestId);
    }

    public static ProblemDetail problem(HttpStatusCode status, ErrorCode code, String message,
            @Nullable Object details, @Nullable String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setProperty("error_code", code.name());
        problem.setProperty("message", message);
        problem.setProperty("details", details);
        problem.setProperty("timestamp", Instant.now().toString());
        problem.setProperty("request_id", requestId != null ? requestId : RequestIds.current());
        return problem;
    }
}
