package com.linkwithmentor.common.openapi;

import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.ServiceCaller;

import tools.jackson.databind.JsonNode;

/**
 * springdoc's document, made to say what the service really does: access per operation, the
 * ApiError on errors, snake_case names. Active in a servlet service that has springdoc on its
 * classpath (every one declares {@code springdoc-openapi-starter-webmvc-api}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    static {
        // Resolved from the token by CurrentUserArgumentResolver, never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, CurrentUser.class, ServiceCaller.class)
            // A JSON tree is any JSON value, not a bean to introspect.
            .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value"));
    }

    @Bean
    EndpointAccessCustomizer lwmEndpointAccessCustomizer() {
        return new EndpointAccessCustomizer();
    }

    @Bean
    SuccessStatusCustomizer lwmSuccessStatusCustomizer() {
        return new SuccessStatusCustomizer();
    }

    @Bean
    ApiDocumentCustomizer lwmApiDocumentCustomizer(Environment environment) {
        return new ApiDocumentCustomizer(environment.getProperty("spring.application.name", "service"));
    }

    @Bean
    SnakeCaseModelConverter lwmSnakeCaseModelConverter() {
        return new SnakeCaseModelConverter();
    }
}
