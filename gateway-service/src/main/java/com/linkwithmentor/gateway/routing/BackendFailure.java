package com.linkwithmentor.gateway.routing;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.netty.channel.ConnectTimeoutException;

import org.springframework.web.server.ResponseStatusException;

/**
 * What a route's circuit breaker counts as a failure of the service behind it: it could not be
 * reached, it did not answer in time, it broke the connection, or the gateway gave up with a 5xx
 * for it. A client's doing never counts: a 4xx (a body over the limit, a malformed request), a
 * client that hung up; nor does any answer the service gave, of whatever status. Otherwise any
 * anonymous client could open the breaker for everyone. Named in {@code application.yml} as the
 * breakers' {@code record-failure-predicate}.
 */
public class BackendFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException status) {
                return status.getStatusCode().is5xxServerError();
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
