package com.linkwithmentor.common.security;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import tools.jackson.databind.json.JsonMapper;

/** A {@link ServiceTokens} for every servlet service: its own credential for service-to-service calls. */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(ServiceAuthProperties.class)
public class ServiceTokensAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceAuthProperties properties, JsonMapper json, Environment environment) {
        String clientId = properties.clientId() != null ? properties.clientId()
                : environment.getProperty("spring.application.name", "application");
        return new ServiceTokens(clientId, properties, json, Clock.systemUTC());
    }
}
