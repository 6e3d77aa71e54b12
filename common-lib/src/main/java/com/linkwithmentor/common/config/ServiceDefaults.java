package com.linkwithmentor.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Conventions every service follows unless its own configuration says otherwise: snake_case JSON,
 * structured JSON logs, health probes and Prometheus metrics exposed, no stack traces or messages
 * in Boot's own error output, no open-session-in-view, schema validated rather than generated.
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
        // Every service's own credential for service-to-service calls (see ServiceTokens).
        defaults.put("lwm.service-auth.client-secret", "${LWM_SERVICE_CLIENT_SECRET:}");
        defaults.put("lwm.service-auth.token-url", "${LWM_SERVICE_TOKEN_URL:http://localhost:8081/api/v1/auth/token}");
        return defaults;
    }
}
