package com.linkwithmentor.gateway.routing;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Every failure the gateway itself meets (no route, wrong method, unreachable service, bug)
 * answered with the ApiError body; runs before Boot's default handler, so no stack trace or
 * Whitelabel output can reach a client.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ApiErrorResponses errors;

    GatewayErrorHandler(ApiErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof AbortedException || AbortedException.isConnectionReset(ex)) {
            // The client went away: nobody to answer, nothing wrong here.
            log.debug("Client gone during {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    ex.toString());
            return Mono.empty();
        }
        if (ex instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            String message = code.value() == 404 ? "No such endpoint: " + exchange.getRequest().getMethod() + " "
                    + exchange.getRequest().getPath().value() : status.getReason() != null ? status.getReason()
                    : HttpStatus.valueOf(code.value()).getReasonPhrase();
            if (code.is5xxServerError() && ex.getCause() != null) {
                log.warn("Gateway error {} on {}: {}", code.value(), exchange.getRequest().getPath(), ex.getCause().toString());
            }
            return errors.write(exchange, code, ErrorCode.forStatus(code), message, null);
        }
        if (ex instanceof ConnectException || ex.getCause() instanceof ConnectException || ex instanceof TimeoutException) {
            return errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable right now", null);
        }
        log.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return errors.write(exchange, ErrorCode.INTERNAL_ERROR, "Something went wrong on our side", null);
    }
}
