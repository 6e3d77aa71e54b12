package com.linkwithmentor.gateway.webapp;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the single-page app. Its hashed bundles ({@code /assets/**}) are cached for a year, since
 * a new build names new files; {@code index.html} and the service worker are revalidated on every
 * load, so a deployment reaches users at their next visit. A navigation (a GET that accepts HTML)
 * to a path of the app's own ({@code /sessions/42}, {@code /admin}) gets {@code index.html}; the
 * API, socket, media, actuator and document paths never do, so a wrong API path stays a 404
 * ApiError, and so does any non-HTML request for an unknown path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnResource(resources = WebAppRoutes.INDEX)
class WebAppRoutes implements WebFluxConfigurer {

    static final String INDEX = "classpath:/META-INF/resources/index.html";

    /** Paths that belong to the API or to the gateway itself, never to the app. */
    static final List<String> NOT_THE_APP = List.of("/api/", "/ws/", "/media/", "/actuator", "/api-docs", "/v3/",
            "/__fallback", "/call/", "/assets/");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
            .addResourceLocations("classpath:/META-INF/resources/assets/")
            .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Bean
    RouterFunction<ServerResponse> webAppRouter() {
        Resource index = new ClassPathResource("META-INF/resources/index.html");
        Resource worker = new ClassPathResource("META-INF/resources/sw.js");
        return RouterFunctions.route(WebAppRoutes::isNavigation, request -> ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(index))
            .andRoute(request -> request.method() == HttpMethod.GET && request.path().equals("/sw.js"),
                    request -> ServerResponse.ok().contentType(MediaType.valueOf("text/javascript"))
                        .cacheControl(CacheControl.noCache()).header("Service-Worker-Allowed", "/").bodyValue(worker));
    }

    /** A browser asking for a page of the app: GET, accepts HTML, not an API path, not a file. */
    static boolean isNavigation(ServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            return false;
        }
        String path = request.path();
        if (NOT_THE_APP.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return false; // a file: served by the static handler, or a 404
        }
        return request.headers().accept().stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML)
                && !type.isWildcardType());
    }
}
