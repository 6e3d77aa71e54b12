package com.linkwithmentor.gateway.routing;

import java.net.URI;
import java.util.List;

import io.netty.channel.ChannelOption;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Asks every configured instance whether it is ready, every {@code lwm.gateway.readiness.interval},
 * and tells {@link InstanceHealth}. This is what makes a rolling restart invisible to clients: a
 * service told to stop answers its readiness probe with 503 while it still serves for its drain
 * delay, so the gateway stops choosing it before it stops accepting connections; once restarted and
 * ready it is chosen again at the next probe, without waiting out the passive mark. An instance
 * without a readiness probe (404) is left to passive health.
 */
@Component
class ReadinessProbes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadinessProbes.class);

    private final DiscoveryClient discovery;

    private final InstanceHealth health;

    private final ReadinessProperties properties;

    private final HttpClient http;

    private volatile @Nullable Disposable probing;

    ReadinessProbes(DiscoveryClient discovery, InstanceHealth health, ReadinessProperties properties) {
        this.discovery = discovery;
        this.health = health;
        this.properties = properties;
        // A fresh connection per probe: a pooled one could be the very connection a stopping service closes.
        this.http = HttpClient.create(ConnectionProvider.newConnection())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
            .responseTimeout(properties.timeout());
    }

    /** One round over every instance of every service. */
    Mono<Void> probeAll() {
        return Flux.fromIterable(instances()).flatMap(this::probe).then();
    }

    private List<ServiceInstance> instances() {
        return discovery.getServices().stream().flatMap(service -> discovery.getInstances(service).stream()).toList();
    }

    private Mono<Void> probe(ServiceInstance instance) {
        URI uri = instance.getUri();
        return http.get().uri(uri.resolve(properties.path()).toString())
            .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
            .doOnNext(status -> {
                if (status >= 200 && status < 300) {
                    health.markUp(uri);
                }
                else if (status == 503) {
                    health.markDown(uri);
                }
            })
            .onErrorResume(ex -> {
                if (PassiveHealthLoadBalancing.isConnectFailure(ex)) {
                    health.markDown(uri);
                }
                return Mono.empty();
            })
            .then();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        probing = Flux.interval(properties.interval())
            .onBackpressureDrop()
            .concatMap(tick -> probeAll().onErrorResume(ex -> {
                log.debug("Readiness round failed: {}", ex.toString());
                return Mono.empty();
            }), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = probing;
        if (current != null) {
            current.dispose();
        }
        probing = null;
    }

    @Override
    public boolean isRunning() {
        return probing != null;
    }
}
