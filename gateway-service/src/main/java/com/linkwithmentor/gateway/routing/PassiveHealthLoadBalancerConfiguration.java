package com.linkwithmentor.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Per-service load balancer configuration (applied in each service's own load balancer context,
 * so deliberately not a scanned {@code @Configuration}): instances from discovery, minus those
 * passive health has marked down.
 */
class PassiveHealthLoadBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier passiveHealthInstances(ConfigurableApplicationContext context) {
        InstanceHealth health = context.getBean(InstanceHealth.class);
        return ServiceInstanceListSupplier.builder()
            .withDiscoveryClient()
            .with((ctx, delegate) -> new PassiveHealthLoadBalancing.UpInstances(delegate, health))
            .build(context);
    }
}
