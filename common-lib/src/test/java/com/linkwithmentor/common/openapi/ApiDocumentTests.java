package com.linkwithmentor.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.common.sample.SampleApplication;
import com.linkwithmentor.testsupport.RealServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;
import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

import tools.jackson.databind.JsonNode;

/** The document springdoc serves, as common-lib shapes it: access per operation, ApiError, snake_case. */
@RealServers
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentTests {

    static final TestTokenIssuer issuer = TestTokenIssuer.start();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("lwm.security.jwks-url", issuer::jwksUrl);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyEndpointIsDocumentedWithItsAccessAndErrors() {
        ApiDocuments.Check check = ApiDocuments.assertComplete(mapping, port);
        assertThat(check.endpoints()).isGreaterThan(6);
        JsonNode document = check.document();
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("info").path("title").asString()).isEqualTo("common-lib-sample API");
        assertThat(document.path("paths").has("/error")).as("Boot's error controller is not an endpoint").isFalse();
        assertThat(document.path("paths").path("/api/v1/samples").path("post").has("parameters"))
            .as("the caller comes from the token, not from a parameter").isFalse();
        assertThat(document.path("components").path("schemas").has("CurrentUser")).isFalse();
    }

    @Test
    void publicServiceAndSharedEndpointsSayWhoMayCallThem() {
        JsonNode paths = ApiDocuments.check(mapping, port).document().path("paths");

        JsonNode open = paths.path("/api/v1/samples/public").path("get");
        assertThat(open.path("x-lwm-access").asString()).isEqualTo("public");
        assertThat(open.path("security").isEmpty()).isTrue();
        assertThat(open.path("responses").has("401")).isFalse();

        JsonNode internal = paths.path("/api/v1/samples/internal").path("get");
        assertThat(internal.path("x-lwm-access").asString()).isEqualTo("service");
        assertThat(internal.path("security").get(0).path("service_token").get(0).asString()).isEqualTo("samples:read");

        JsonNode shared = paths.path("/api/v1/samples/shared").path("get");
        assertThat(shared.path("x-lwm-access").asString()).isEqualTo("user-or-service");
        assertThat(shared.path("security")).hasSize(2);

        JsonNode user = paths.path("/api/v1/samples/users/{userId}").path("get");
        assertThat(user.path("x-lwm-access").asString()).isEqualTo("user");
        assertThat(user.path("responses").path("404").path("content").path("application/problem+json").path("schema")
            .path("$ref").asString()).isEqualTo("#/components/schemas/ApiError");
    }

    @Test
    void successStatusesAreTheOnesTheHandlersAnswerWith() {
        JsonNode paths = ApiDocuments.check(mapping, port).document().path("paths");
        JsonNode created = paths.path("/api/v1/samples/views").path("post").path("responses");
        assertThat(created.has("200")).isFalse();
        assertThat(created.path("201").path("content").path("application/json").path("schema").path("$ref").asString())
            .isEqualTo("#/components/schemas/SampleView");
        JsonNode deleted = paths.path("/api/v1/samples/views/{sampleId}").path("delete").path("responses");
        assertThat(deleted.has("200")).isFalse();
        assertThat(deleted.has("204")).isTrue();
        assertThat(deleted.path("204").has("content")).isFalse();
        assertThat(paths.path("/api/v1/samples/views/{sampleId}").path("get").path("responses").has("200")).isTrue();
    }

    @Test
    void schemasNameTheirPropertiesAsTheJsonDoes() {
        JsonNode document = ApiDocuments.check(mapping, port).document();
        JsonNode schemas = document.path("components").path("schemas");

        assertThat(schemas.path("SampleView").path("properties").propertyNames())
            .containsExactlyInAnyOrder("sample_id", "display_name", "is_active", "issued_at", "hourly_rate");
        assertThat(schemas.path("CreateSample").path("properties").propertyNames())
            .containsExactlyInAnyOrder("display_name", "contact_email", "hourly_rate");
        assertThat(schemas.path("CreateSample").path("required").valueStream().map(JsonNode::asString).toList())
            .contains("display_name", "contact_email");
        assertThat(schemas.path("ApiError").path("properties").propertyNames())
            .contains("error_code", "message", "details", "timestamp", "request_id");
        JsonNode flows = document.path("components").path("securitySchemes").path("service_token").path("flows");
        assertThat(flows.path("clientCredentials").path("scopes").propertyNames()).containsExactly("samples:read");
    }
}
