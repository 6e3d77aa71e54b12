package com.linkwithmentor.common.security;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.linkwithmentor.common.error.ApiException;

/**
 * Decides, per handler method, which kind of token may call it: a service token only where
 * {@link RequireScope} names scopes it carries; a user token everywhere else, and on a
 * {@code RequireScope} method only when it says {@code users = true}. Public endpoints take anyone.
 */
public class EndpointAccess implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || isPublic(method)) {
            return true;
        }
        Caller caller = caller();
        if (caller == null) {
            return true;
        }
        RequireScope required = requiredScope(method);
        if (caller instanceof ServiceCaller service) {
            if (required == null) {
                throw ApiException.forbidden("This endpoint is for users; service tokens are not accepted here");
            }
            List<String> missing = Arrays.stream(required.value()).filter(scope -> !service.hasScope(scope)).toList();
            if (!missing.isEmpty()) {
                throw ApiException.forbidden("The service token lacks the scope " + String.join(", ", missing));
            }
        }
        else if (required != null && !required.users()) {
            throw ApiException.forbidden("This endpoint is for services only");
        }
        return true;
    }

    /** The verified caller of the current request, or null when it carried no token. */
    static @Nullable Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? AccessTokens.caller(token.getToken()) : null;
    }

    private static boolean isPublic(HandlerMethod method) {
        return AnnotatedElementUtils.hasAnnotation(method.getMethod(), PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class);
    }

    private static @Nullable RequireScope requiredScope(HandlerMethod method) {
        RequireScope onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireScope.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireScope.class);
    }
}
