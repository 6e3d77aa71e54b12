package com.linkwithmentor.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Conventions every service follows unless its own configuration says otherwise: snake_case JSON,
 * structured JSON logs with trace, span and request ids, health probes and Prometheus metrics
 * exposed (latency histograms included), traces exported only where a collector is named, the
 * OpenAPI document at {@code /v3/api-docs}, graceful shutdown, no stack traces or messages in
 * Boot's own error output, no open-session-in-view, schema validated rather than generated.
 * Added as the lowest-precedence property source, so any application.yml or env var wins.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = defaults();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>(DEFAULTS);
        // JSON logs unless LWM_LOG_FORMAT=plain (readable console output for local work).
        String format = environment.getProperty("LWM_LOG_FORMAT", "ecs");
        if (!"plain".equalsIgnoreCase(format)) {
            defaults.put("logging.structured.format.console", format);
        }
        if ("ecs".equalsIgnoreCase(format)) {
            // Micrometer Tracing puts traceId/spanId in the MDC; ECS names them trace.id and span.id.
            defaults.put("logging.structured.json.rename.traceId", "trace.id");
            defaults.put("logging.structured.json.rename.spanId", "span.id");
        }
        // Traces leave the process only when a collector is named (OTLP over HTTP, e.g.
        // http://otel-collector:4318). Without one nothing is recorded (sampling 0), yet trace ids
        // still travel between services and events and reach every log line.
        String otlp = environment.getProperty("LWM_OTLP_ENDPOINT", "").trim();
        if (!otlp.isEmpty()) {
            defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", tracesEndpoint(otlp));
        }
        defaults.put("management.tracing.sampling.probability", "${LWM_TRACE_SAMPLING:" + (otlp.isEmpty() ? "0.0" : "1.0") + "}");
        environment.getPropertySources().addLast(new MapPropertySource("lwmServiceDefaults", defaults));
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
        defaults.put("spring.mvc.problemdetails.enabled", "false");
        defaults.put("spring.jpa.open-in-view", "false");
        // No endpoint reads a form from PUT/PATCH/DELETE; the filter that would parse one turned
        // malformed percent-encoding into a 500 before any handler ran.
        defaults.put("spring.mvc.formcontent.filter.enabled", "false");
        defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.error.include-exception", "false");
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.observations.key-values.application", "${spring.application.name:application}");
        // Latency percentiles are computed by Prometheus from histogram buckets (histogram_quantile),
        // so they aggregate across instances.
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.client.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.lwm.events.process", "true");
        // Not for the in-progress (long task) timers beside them: buckets there are noise.
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests.active", "false");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.client.requests.active", "false");
        defaults.put("management.metrics.distribution.percentiles-histogram.lwm.events.process.active", "false");
        // Every meter names its service, so one dashboard serves the whole fleet.
        defaults.put("management.metrics.tags.application", "${spring.application.name:application}");
        // The plain console format names the trace, span and request of every line (ECS has them as fields).
        defaults.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{request_id:-}] ");
        // MDC (trace ids, request id) follows a request across Reactor operators too (the gateway).
        defaults.put("spring.reactor.context-propagation", "auto");
        // API documents (springdoc, in every servlet service): OpenAPI 3.1, errors as common-lib's
        // ApiError (openapi.ApiDocumentCustomizer) rather than guesses from the exception handler.
        defaults.put("springdoc.api-docs.version", "openapi_3_1");
        defaults.put("springdoc.override-with-generic-response", "false");
        defaults.put("springdoc.writer-with-order-by-keys", "true");
        defaults.put("springdoc.default-produces-media-type", "application/json");
        defaults.put("springdoc.paths-to-exclude", "/error,/error/**");
        // Shutdown (SIGTERM): readiness goes DOWN, the drain delay lets load balancers notice while
        // requests are still served, then in-flight requests finish (graceful) before the relay's
        // last flush and the consumers' stop; see common.lifecycle.
        defaults.put("lwm.shutdown.drain-delay", "${LWM_DRAIN_DELAY:0s}");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "${LWM_SHUTDOWN_TIMEOUT:30s}");
        // Every service's own credential for service-to-service calls (see ServiceTokens).
        defaults.put("lwm.service-auth.client-secret", "${LWM_SERVICE_CLIENT_SECRET:}");
        defaults.put("lwm.service-auth.token-url", "${LWM_SERVICE_TOKEN_URL:http://localhost:8081/api/v1/auth/token}");
        return defaults;
    }

    /** The OTLP/HTTP traces endpoint: a collector's base address gets the standard path. */
    static String tracesEndpoint(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    }
}
