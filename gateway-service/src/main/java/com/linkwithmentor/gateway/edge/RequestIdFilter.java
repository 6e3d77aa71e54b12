package com.linkwithmentor.gateway.edge;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.web.RequestIds;

import reactor.core.publisher.Mono;

/**
 * First filter of every request, on every protocol: keeps or creates {@code X-Request-Id} and
 * passes it on, and strips what a client must not decide: hop-by-hop headers, forwarding headers
 * (the gateway writes its own) and identity headers some backends might trust.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private static final List<String> SPOOFABLE = List.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "x-client-ip");

    private static final List<String> IDENTITY_PREFIXES = List.of("x-user-", "x-auth-", "x-lwm-");

    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : RequestIds.acceptOrCreate(null);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            List<String> names = headers.headerNames().stream().toList();
            for (String name : names) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (SPOOFABLE.contains(lower) || IDENTITY_PREFIXES.stream().anyMatch(lower::startsWith)) {
                    headers.remove(name);
                }
            }
            headers.set(RequestIds.HEADER, id);
        }).build();
        // Set as the response commits: the backend echoes the id too, and one header is enough.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
