package com.linkwithmentor.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Load balancing over the configured instances of each service (Spring Cloud LoadBalancer, round
 * robin), skipping instances that recently refused connections, and learning that from traffic.
 */
@Component
class PassiveHealthLoadBalancing implements GlobalFilter, Ordered {

    private final InstanceHealth health;

    PassiveHealthLoadBalancing(InstanceHealth health) {
        this.health = health;
    }

    /** Records a connection failure against the instance the load balancer picked. */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doOnError(ex -> {
            if (isConnectFailure(ex)) {
                URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
                if (target != null) {
                    health.markDown(target);
                }
            }
        });
    }

    static boolean isConnectFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    /** Leaves out the instances marked down; if all are down, offers all (better a try than a certain 503). */
    static class UpInstances extends DelegatingServiceInstanceListSupplier {

        private final InstanceHealth health;

        UpInstances(ServiceInstanceListSupplier delegate, InstanceHealth health) {
            super(delegate);
            this.health = health;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().map(instances -> {
                List<ServiceInstance> up = instances.stream().filter(instance -> health.isUp(instance.getUri())).toList();
                return up.isEmpty() ? instances : up;
            });
        }
    }
}
