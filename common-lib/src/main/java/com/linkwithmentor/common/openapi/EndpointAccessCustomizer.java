package com.linkwithmentor.common.openapi;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;

import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.common.security.RequireScope;

/**
 * States on each operation who may call it, read from the same marks the security rules are built
 * from ({@code EndpointAccess}): {@link PublicEndpoint} needs no token, {@link RequireScope} takes a
 * service token with those scopes (and a user's with {@code users = true}), anything else a user's
 * access token. The verdict is also written as {@code x-lwm-access} for readers and tests.
 */
class EndpointAccessCustomizer implements GlobalOperationCustomizer {

    static final String ACCESS_EXTENSION = "x-lwm-access";

    /** Who may call an operation. */
    enum Access {
        PUBLIC("public"), USER("user"), SERVICE("service"), USER_OR_SERVICE("user-or-service");

        final String wireName;

        Access(String wireName) {
            this.wireName = wireName;
        }
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Access access = access(handler);
        RequireScope scope = requiredScope(handler);
        List<String> scopes = scope != null ? Arrays.asList(scope.value()) : List.of();
        switch (access) {
            case PUBLIC -> operation.setSecurity(List.of());
            case USER -> operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocumentCustomizer.BEARER)));
            case SERVICE -> operation.setSecurity(
                    List.of(new SecurityRequirement().addList(ApiDocumentCustomizer.SERVICE_TOKEN, scopes)));
            case USER_OR_SERVICE -> operation.setSecurity(List.of(
                    new SecurityRequirement().addList(ApiDocumentCustomizer.BEARER),
                    new SecurityRequirement().addList(ApiDocumentCustomizer.SERVICE_TOKEN, scopes)));
        }
        operation.addExtension(ACCESS_EXTENSION, access.wireName);
        if (access != Access.PUBLIC && operation.getParameters() != null) {
            // A handler that reads the bearer token (to call another service on the user's behalf) is
            // not asking for a parameter: the security requirement above is that header.
            operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                    && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(parameter.getName()));
        }
        return operation;
    }

    static Access access(HandlerMethod handler) {
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicEndpoint.class)) {
            return Access.PUBLIC;
        }
        RequireScope scope = requiredScope(handler);
        if (scope == null) {
            return Access.USER;
        }
        return scope.users() ? Access.USER_OR_SERVICE : Access.SERVICE;
    }

    private static @Nullable RequireScope requiredScope(HandlerMethod handler) {
        RequireScope onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequireScope.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequireScope.class);
    }
}
