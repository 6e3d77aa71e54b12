package com.linkwithmentor.gateway.apidocs;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.web.reactive.function.client.WebClient;

import com.linkwithmentor.gateway.apidocs.ApiDocumentMerger.ServiceDocument;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks every service the routes name ({@code lb://<service>}) for its {@code /v3/api-docs}, one
 * instance after another until one answers, and keeps the merged document for a while: a minute
 * when every service answered, a few seconds when one did not (so it appears soon after it starts).
 */
class ApiDocuments {

    private static final Logger log = LoggerFactory.getLogger(ApiDocuments.class);

    private final RouteLocator routes;

    private final DiscoveryClient discovery;

    private final WebClient http;

    private final ApiDocumentMerger merger;

    private final JsonMapper json;

    private final ApiDocsProperties properties;

    private final Clock clock = Clock.systemUTC();

    private final AtomicReference<@Nullable Merged> last = new AtomicReference<>();

    private record Merged(String json, boolean complete, Instant at) {
    }

    ApiDocuments(RouteLocator routes, DiscoveryClient discovery, WebClient.Builder http, JsonMapper json,
            ApiDocsProperties properties) {
        this.routes = routes;
        this.discovery = discovery;
        this.http = http.build();
        this.merger = new ApiDocumentMerger(json);
        this.json = json;
        this.properties = properties;
    }

    Mono<String> merged() {
        Merged known = last.get();
        Instant now = clock.instant();
        if (known != null && known.at().plus(known.complete() ? properties.cacheFor() : properties.retryMissingAfter()).isAfter(now)) {
            return Mono.just(known.json());
        }
        return servicesList().flatMapMany(Flux::fromIterable).flatMap(service -> fetch(service).map(document -> new ServiceDocument(service, document))
                .defaultIfEmpty(new ServiceDocument(service, null)))
            .collectList()
            .map(documents -> {
                ObjectNode merged = merger.merge(documents);
                Merged result = new Merged(json.writeValueAsString(merged), merger.complete(merged), now);
                last.set(result);
                return result.json();
            });
    }

    /** The services routed with {@code lb://}, each once. */
    private Mono<List<String>> servicesList() {
        return routes.getRoutes().map(Route::getUri)
            .filter(uri -> "lb".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null)
            .map(URI::getHost)
            .collect(TreeSet<String>::new, TreeSet::add)
            .map(List::copyOf);
    }

    private Mono<JsonNode> fetch(String service) {
        List<ServiceInstance> instances = discovery.getInstances(service);
        return Flux.fromIterable(instances)
            .concatMap(instance -> http.get().uri(instance.getUri().resolve("/v3/api-docs"))
                .retrieve().bodyToMono(String.class)
                .timeout(properties.timeout())
                .map(json::readTree)
                .onErrorResume(ex -> {
                    log.info("No API document from {} at {}: {}", service, instance.getUri(), ex.toString());
                    return Mono.empty();
                }), 1)
            .next();
    }
}
