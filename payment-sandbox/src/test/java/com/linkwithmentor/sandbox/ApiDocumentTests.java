package com.linkwithmentor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /v3/api-docs names every endpoint the sandbox serves (path and method), read from its handler
 * mappings so a new one cannot be left out. The sandbox plays a third party, so the platform's own
 * rules for documents (access, ApiError) do not apply; test-support's ApiDocuments holds services to those.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theDocumentNamesEveryEndpoint() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = JsonMapper.builder().build().readTree(response.body());

        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames()
            .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()))));
        Set<String> served = new TreeSet<>();
        mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
            .filter(pattern -> !pattern.startsWith("/error") && !pattern.startsWith("/v3/api-docs"))
            .forEach(pattern -> info.getMethodsCondition().getMethods().stream().map(RequestMethod::name)
                .forEach(method -> served.add(method + " " + normalize(pattern)))));

        assertThat(served).hasSizeGreaterThan(20);
        assertThat(documented).containsAll(served);
        assertThat(document.path("components").path("securitySchemes").has("sandbox_api_key")).isTrue();
    }

    /** Path variables compared by position: {@code /v1/payments/{ref}} is {@code /v1/payments/{}}. */
    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
