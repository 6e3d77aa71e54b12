package com.linkwithmentor.gateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop a request arrived on, as a scheduler. An answer from Redis comes back on
 * Lettuce's own I/O thread; resuming on the request's loop keeps the rest of the request there:
 * the pooled connection to the service is then taken from the same loop (Reactor Netty's pool is
 * colocated) and the service's answer is written back without another hand-off between threads.
 */
public final class EventLoops {

    private static final Map<Executor, Scheduler> SCHEDULERS = new ConcurrentHashMap<>();

    private EventLoops() {
    }

    /** The request's event loop, or null when it did not come through Reactor Netty. */
    public static @Nullable Scheduler of(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (request instanceof Connection connection) {
            return SCHEDULERS.computeIfAbsent(connection.channel().eventLoop(), loop -> Schedulers.fromExecutor(loop, true));
        }
        return null;
    }
}
