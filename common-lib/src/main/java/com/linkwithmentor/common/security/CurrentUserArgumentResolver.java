package com.linkwithmentor.common.security;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.linkwithmentor.common.error.ApiException;

/**
 * Lets a controller method take the verified caller as a parameter: {@link CurrentUser} (a user's
 * token), {@link ServiceCaller} (a service's token) or {@link Caller} (either).
 */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return CurrentUser.class.equals(type) || ServiceCaller.class.equals(type) || Caller.class.equals(type);
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        Caller caller = EndpointAccess.caller();
        if (caller == null) {
            throw ApiException.unauthorized("Authentication required");
        }
        Class<?> wanted = parameter.getParameterType();
        if (!wanted.isInstance(caller)) {
            throw ApiException.forbidden(wanted == CurrentUser.class ? "This endpoint needs a user's token"
                    : "This endpoint needs a service token");
        }
        return caller;
    }
}
