package com.linkwithmentor.sandbox;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The gateway API's front door: a bearer API key on {@code /v1/**}, a 503 while the sandbox is
 * told to be down, and gateway-style error bodies ({@code {"error": {"code", "description"}}}).
 */
@Configuration(proxyBeanMethods = false)
class SandboxWeb implements WebMvcConfigurer {

    private final SandboxProperties properties;

    private final SandboxGateway gateway;

    SandboxWeb(SandboxProperties properties, SandboxGateway gateway) {
        this.properties = properties;
        this.gateway = gateway;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (gateway.behaviour().down()) {
                    throw new SandboxException(503, "SERVICE_UNAVAILABLE", "The sandbox gateway is down (as told)");
                }
                if (!("Bearer " + properties.apiKey()).equals(request.getHeader("Authorization"))) {
                    throw new SandboxException(401, "UNAUTHORIZED", "Missing or wrong API key");
                }
                return true;
            }
        }).addPathPatterns("/v1/**");
    }

    @RestControllerAdvice
    static class Errors {

        @ExceptionHandler(SandboxException.class)
        ResponseEntity<Map<String, Object>> refused(SandboxException ex) {
            return body(ex.status, ex.code, ex.getMessage());
        }

        @ExceptionHandler({ MethodArgumentNotValidException.class, HttpMessageNotReadableException.class,
                MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
                HttpMediaTypeNotSupportedException.class })
        ResponseEntity<Map<String, Object>> badRequest(Exception ex) {
            String description = ex instanceof MethodArgumentNotValidException invalid && invalid.getFieldError() != null
                    ? invalid.getFieldError().getField() + " " + invalid.getFieldError().getDefaultMessage()
                    : "The request is not valid";
            return body(400, "BAD_REQUEST_ERROR", description);
        }

        @ExceptionHandler(NoResourceFoundException.class)
        ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException ex) {
            return body(404, "NOT_FOUND", "No such endpoint");
        }

        private static ResponseEntity<Map<String, Object>> body(int status, String code, String description) {
            return ResponseEntity.status(HttpStatus.valueOf(status))
                .body(Map.of("error", Map.of("code", code, "description", description)));
        }
    }
}
