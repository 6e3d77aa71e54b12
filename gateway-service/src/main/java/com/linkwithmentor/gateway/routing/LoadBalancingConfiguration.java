package com.linkwithmentor.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Applies passive-health load balancing to every service the routes name with {@code lb://}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PassiveHealthLoadBalancerConfiguration.class)
class LoadBalancingConfiguration {
}
