package com.linkwithmentor.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import tools.jackson.databind.json.JsonMapper;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * {@code GET /api-docs}: Swagger UI over the merged document; {@code GET /api-docs/openapi.json}:
 * the document; {@code /api-docs/ui/**}: Swagger UI's files from the {@code org.webjars:swagger-ui} jar.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "lwm.gateway.api-docs", name = "enabled", havingValue = "true", matchIfMissing = true)
class ApiDocsRoutes {

    @Bean
    ApiDocuments apiDocuments(RouteLocator routes, DiscoveryClient discovery, ObjectProvider<WebClient.Builder> http,
            JsonMapper json, ApiDocsProperties properties) {
        return new ApiDocuments(routes, discovery, http.getIfAvailable(WebClient::builder), json, properties);
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRouter(ApiDocuments documents) {
        ClassPathResource page = new ClassPathResource("api-docs/index.html");
        ClassPathResource initializer = new ClassPathResource("api-docs/initializer.js");
        return RouterFunctions.route(GET("/api-docs"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noCache()).bodyValue(page))
            .andRoute(GET("/api-docs/initializer.js"), request -> ServerResponse.ok()
                    .contentType(MediaType.valueOf("text/javascript")).bodyValue(initializer))
            .andRoute(GET("/api-docs/openapi.json"), request -> documents.merged()
                    .flatMap(json -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noCache()).bodyValue(json)))
            .and(RouterFunctions.resources("/api-docs/ui/**",
                    new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/")));
    }

    /** The webjar keeps its files under its version; read it from the jar rather than repeat it here. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiDocsRoutes.class.getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
