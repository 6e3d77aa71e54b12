package com.linkwithmentor.common.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/** Renders missing/invalid tokens (401) and refused access (403) as the ApiError body. */
public class ApiErrorSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorSecurityHandlers.class);

    private final JsonMapper jsonMapper;

    public ApiErrorSecurityHandlers(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        ProblemDetail problem;
        if (ex instanceof InvalidBearerTokenException) {
            log.debug("Refused a token for {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
            problem = ApiErrors.problem(ErrorCode.UNAUTHORIZED, "The access token is invalid, expired or revoked", null,
                    requestId(request));
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        else {
            problem = ApiErrors.problem(ErrorCode.UNAUTHORIZED,
                    "Authentication required: send 'Authorization: Bearer <access token>'", null, requestId(request));
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(response, ApiErrors.problem(ErrorCode.FORBIDDEN, "You are not allowed to do this", null, requestId(request)));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

    private static String requestId(HttpServletRequest request) {
        return request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id ? id : RequestIds.current();
    }
}
