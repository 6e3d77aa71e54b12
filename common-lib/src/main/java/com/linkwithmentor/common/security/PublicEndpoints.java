package com.linkwithmentor.common.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The requests this service answers without a token, derived from its controllers: every handler
 * method marked {@link PublicEndpoint} (on the method or its class). Matching uses Spring MVC's own
 * mapping conditions, so a public rule covers exactly what the handler serves, nothing beside it.
 * Read from the handler mapping on first use, when every controller is registered.
 */
public class PublicEndpoints implements RequestMatcher {

    private final Supplier<RequestMappingHandlerMapping> mapping;

    private volatile @Nullable List<RequestMappingInfo> endpoints;

    /** The mapping is looked up on first use: the security chain is built before the controllers are. */
    public PublicEndpoints(Supplier<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        List<RequestMappingInfo> known = endpoints();
        if (known.isEmpty()) {
            return false;
        }
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            for (RequestMappingInfo info : known) {
                if (info.getMatchingCondition(request) != null) {
                    return true;
                }
            }
            return false;
        }
        finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * The public requests as the gateway's route table writes them: {@code "POST /api/v1/auth/login"},
     * a path variable as {@code *}, sorted.
     */
    public List<String> describe() {
        TreeSet<String> described = new TreeSet<>();
        for (RequestMappingInfo info : endpoints()) {
            List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{[^/]+}", "*");
                if (methods.isEmpty()) {
                    described.add(path);
                }
                methods.forEach(method -> described.add(method + " " + path));
            }
        }
        return List.copyOf(described);
    }

    private List<RequestMappingInfo> endpoints() {
        List<RequestMappingInfo> known = endpoints;
        if (known == null) {
            List<RequestMappingInfo> found = new ArrayList<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.get().getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PublicEndpoint.class)
                        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicEndpoint.class)) {
                    found.add(entry.getKey());
                }
            }
            known = List.copyOf(found);
            endpoints = known;
        }
        return known;
    }
}
