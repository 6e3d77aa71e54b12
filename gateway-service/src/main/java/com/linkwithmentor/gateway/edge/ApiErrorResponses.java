package com.linkwithmentor.gateway.edge;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
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
        ProblemDetail problem = ApiErrors.problem(status, code, message, details, RequestIdFilter.requestId(exchange));
        problem.setInstance(exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
