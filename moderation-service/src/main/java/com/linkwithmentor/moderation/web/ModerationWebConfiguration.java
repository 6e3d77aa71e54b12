package com.linkwithmentor.moderation.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.linkwithmentor.common.security.ApiErrorSecurityHandlers;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.security.ServletSecurityAutoConfiguration;
import com.linkwithmentor.common.security.TokenProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's token checks (common-lib) plus this service's own rules: everything under
 * {@code /api/v1/moderation/admin/} needs the active role admin, checked before any controller
 * runs (the controllers check it again); and request bodies are capped before they are read.
 */
@Configuration(proxyBeanMethods = false)
class ModerationWebConfiguration {

    /** Comfortably above the largest valid text request (10 000 characters of text, JSON-escaped). */
    static final long MAX_BODY_BYTES = 256 * 1024;

    /** Analyze also takes a picture of up to 5 MB as base64 (6.7 MB) in its JSON body. */
    static final long MAX_ANALYZE_BODY_BYTES = 7 * 1024 * 1024 + 512 * 1024;

    @Bean
    SecurityFilterChain moderationSecurityFilterChain(HttpSecurity http, TokenProperties properties, JwtDecoder decoder,
            ApiErrorSecurityHandlers handlers) throws Exception {
        ServletSecurityAutoConfiguration.configureDefaults(http, properties, decoder, handlers);
        http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/api/v1/moderation/admin/**").hasRole(Role.ADMIN.name())
            .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(JsonMapper json) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(MAX_BODY_BYTES, MAX_ANALYZE_BODY_BYTES, "/api/v1/moderation/analyze", json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
