package com.linkwithmentor.common.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import com.linkwithmentor.common.error.ErrorCode;

/**
 * What every service's document shares: its title, the two token kinds as security schemes (a
 * user's access token; a service's client-credentials token with its scopes), the ApiError problem
 * document as a schema, and on every operation the errors it can answer with (400 always, since
 * the input rules apply to every request; 401 and 403 unless public; 404 where the path names a
 * resource; anything else as {@code default}), none of them overriding what a handler declared.
 */
class ApiDocumentCustomizer implements GlobalOpenApiCustomizer {

    static final String BEARER = "bearer_token";

    static final String SERVICE_TOKEN = "service_token";

    static final String API_ERROR = "ApiError";

    static final String PROBLEM_JSON = "application/problem+json";

    private final String application;

    ApiDocumentCustomizer(String application) {
        this.application = application;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title(application + " API").version("v1").description(
                "Part of LinkWithMentor. Every request goes through the gateway (`/api-docs` there serves all services "
                        + "in one document). Every error is an RFC 9457 problem document with the ApiError members "
                        + "(`error_code`, `message`, `details`, `timestamp`, `request_id`)."));
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.components(components);
        components.addSchemas(API_ERROR, apiErrorSchema());
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
            .bearerFormat("JWT")
            .description("A user's access token (POST /api/v1/auth/login); its active role decides what the caller may do."));
        TreeSet<String> scopes = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                collectScopes(operation, scopes);
                addErrorResponses(path, operation);
            }));
        }
        Scopes flowScopes = new Scopes();
        scopes.forEach(scope -> flowScopes.addString(scope, "needed to call this service's endpoints that name it; user-service's policy decides which services may hold it"));
        components.addSecuritySchemes(SERVICE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
            .description("A service's own token: OAuth 2.0 client credentials from user-service, called directly "
                    + "(the gateway refuses service tokens).")
            .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/api/v1/auth/token").scopes(flowScopes))));
        openApi.security(List.of(new SecurityRequirement().addList(BEARER)));
    }

    private static void collectScopes(Operation operation, TreeSet<String> scopes) {
        if (operation.getSecurity() != null) {
            operation.getSecurity().forEach(requirement -> {
                List<String> named = requirement.get(SERVICE_TOKEN);
                if (named != null) {
                    scopes.addAll(named);
                }
            });
        }
    }

    private static void addErrorResponses(String path, Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        Object access = operation.getExtensions() != null ? operation.getExtensions().get(EndpointAccessCustomizer.ACCESS_EXTENSION) : null;
        boolean isPublic = EndpointAccessCustomizer.Access.PUBLIC.wireName.equals(access);
        addError(responses, "400", "The request breaks a rule: malformed or missing input, named in `details` (VALIDATION_ERROR)");
        if (!isPublic) {
            addError(responses, "401", "No token, or one that is invalid, expired or revoked (UNAUTHORIZED)");
            addError(responses, "403", "The token may not call this: wrong active role, missing scope, or the wrong kind of token (FORBIDDEN)");
        }
        if (path.contains("{")) {
            addError(responses, "404", "Nothing of that id that the caller may see (NOT_FOUND)");
        }
        addError(responses, "default", "Any other error, as the same problem document (CONFLICT, UNPROCESSABLE, "
                + "PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RATE_LIMITED, SERVICE_UNAVAILABLE, INTERNAL_ERROR)");
        // springdoc's own guess for errors is a generic 4xx/5xx entry without the problem shape; the
        // entries above replace it.
        responses.forEach((code, response) -> {
            if (!code.startsWith("2") && !code.startsWith("3") && response.getContent() != null
                    && response.getContent().get(PROBLEM_JSON) == null) {
                response.setContent(problemContent());
            }
        });
    }

    private static void addError(ApiResponses responses, String code, String description) {
        ApiResponse existing = responses.get(code);
        if (existing == null) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(problemContent()));
        }
        else if (existing.getContent() == null || existing.getContent().isEmpty()) {
            existing.setContent(problemContent());
        }
    }

    static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + API_ERROR)));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    static Schema<?> apiErrorSchema() {
        Schema<Object> schema = new Schema<>();
        schema.type("object");
        schema.description("RFC 9457 problem document carrying LinkWithMentor's ApiError members; every error of every "
                + "service and of the gateway has this shape.");
        schema.addProperty("type", new Schema<>().type("string").description("Problem type URI (about:blank)"));
        schema.addProperty("title", new Schema<>().type("string").description("The status's reason phrase"));
        schema.addProperty("status", new Schema<>().type("integer").format("int32").description("The HTTP status"));
        schema.addProperty("detail", new Schema<>().type("string").description("The same text as message"));
        schema.addProperty("instance", new Schema<>().type("string").description("The request path"));
        Schema errorCode = new Schema<>().type("string").description("What went wrong, for programs");
        errorCode.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        schema.addProperty("error_code", errorCode);
        schema.addProperty("message", new Schema<>().type("string").description("What went wrong, for people"));
        schema.addProperty("details", new Schema<>().description(
                "Specifics: the field at fault ({field, reason}), every failed field ({fields: [...]}), or context; may be null"));
        schema.addProperty("timestamp", new Schema<>().type("string").format("date-time"));
        schema.addProperty("request_id", new Schema<>().type("string")
            .description("The X-Request-Id of the request, to quote when reporting a problem"));
        schema.required(List.of("status", "error_code", "message", "timestamp", "request_id"));
        schema.setExample(Map.of("type", "about:blank", "title", "Not Found", "status", 404, "detail", "No such session",
                "error_code", "NOT_FOUND", "message", "No such session", "timestamp", "2026-01-01T10:00:00Z",
                "request_id", "4f1c2a9e-8d5b-4f7e-9a41-2b0c7d3e1f60"));
        return schema;
    }
}
