package com.linkwithmentor.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.web.RequestIds;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Spring's adapter from Reactor Netty to the handler chain, except that a request target that is
 * not a URI ({@code {}, {@code |}, {@code %zz}) gets a 400 with the ApiError body; Spring's own
 * adapter answers those with an empty 400 before any filter runs. Used by the TLS and QUIC
 * listeners; the plain listener has {@link NettyErrorBodies} for the same.
 */
public final class EdgeHttpHandlerAdapter extends ReactorHttpHandlerAdapter {

    private final ApiErrorResponses errors;

    public EdgeHttpHandlerAdapter(HttpHandler handler, ApiErrorResponses errors) {
        super(handler);
        this.errors = errors;
    }

    @Override
    public Mono<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        try {
            new URI(request.uri());
        }
        catch (URISyntaxException ex) {
            byte[] body = errors.body(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                    "The request target is not a valid URI: " + ex.getReason(), null, null, RequestIds.acceptOrCreate(null));
            return response.status(HttpResponseStatus.BAD_REQUEST)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
        }
        return super.apply(request, response);
    }

}
