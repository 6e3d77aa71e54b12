package com.linkwithmentor.gateway.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the platform's ApiError body from the gateway itself (401, 413, 429, 503...). */
@Component
public class ApiErrorResponses {

    private final JsonMapper json;

    public ApiErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message, @Nullable Object details) {
        return write(exchange, code.status(), code, message, details);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, ErrorCode code, String message,
            @Nullable Object details) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] body = body(status, code, message, details, exchange.getRequest().getPath().value(),
                RequestIdFilter.requestId(exchange));
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The serialized ApiError, for writers below Spring (the Netty pipeline). */
    public byte[] body(HttpStatusCode status, ErrorCode code, String message, @Nullable Object details,
            @Nullable String path, String requestId) {
        ProblemDetail problem = ApiErrors.problem(status, code, message, details, requestId);
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            }
            catch (IllegalArgumentException ex) {
                // a path that is not a URI (the reason for some errors) is left out
            }
        }
        return json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }

    /** The error code for a status the gateway did not choose itself. */
    public static ErrorCode codeFor(HttpStatusCode status) {
        return ErrorCode.forStatus(status);
    }

    /** What to tell a client about an error whose producer gave no usable explanation. */
    public static String messageFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed: check its path, query and headers";
            case 401 -> "Authentication required";
            case 403 -> "This request is not allowed";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 415 -> "This content type is not supported here";
            case 431 -> "The request headers are too large";
            case 503 -> "The service is unavailable right now; try again shortly";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known != null ? known.getReasonPhrase() : "The request failed";
            }
        };
    }
}
