package com.linkwithmentor.common.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.common.redis.RedisAutoConfiguration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service is a resource server: each request needs a valid token unless its handler
 * is marked {@link PublicEndpoint} (or it is a health probe, or a WebSocket handshake that checks
 * the token itself, listed in {@code lwm.security.websocket-paths}). A user token's active role
 * becomes the caller's only authority; a service token's scopes become {@code SCOPE_} authorities,
 * and {@link EndpointAccess} decides per endpoint which kind may call. A service that needs more
 * declares its own {@link SecurityFilterChain} and may reuse {@link #configureDefaults}.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class, after = RedisAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(TokenProperties.class)
public class ServletSecurityAutoConfiguration {

    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/error", "/v3/api-docs", "/v3/api-docs/**");

    @Bean
    @ConditionalOnMissingBean
    RevokedSessions revokedSessions(StatefulRedisConnection<String, String> redis) {
        return new RevokedSessions(redis);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenProperties properties, RevokedSessions revokedSessions) {
        return AccessTokens.decoder(AccessTokens.remoteKeys(properties), properties, revokedSessions);
    }

    @Bean
    ApiErrorSecurityHandlers apiErrorSecurityHandlers(JsonMapper jsonMapper) {
        return new ApiErrorSecurityHandlers(jsonMapper);
    }

    @Bean
    PublicEndpoints publicEndpoints(BeanFactory beans) {
        return new PublicEndpoints(() -> beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain lwmSecurityFilterChain(HttpSecurity http, TokenProperties properties, JwtDecoder decoder,
            ApiErrorSecurityHandlers handlers) throws Exception {
        configureDefaults(http, properties, decoder, handlers);
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    /** Stateless token authentication with ApiError rendering, and the public requests permitted. */
    public static void configureDefaults(HttpSecurity http, TokenProperties properties, JwtDecoder decoder,
            ApiErrorSecurityHandlers handlers) throws Exception {
        PublicEndpoints publicEndpoints = http.getSharedObject(ApplicationContext.class).getBean(PublicEndpoints.class);
        http.csrf(csrf -> csrf.disable())
            .httpBasic(basic -> basic.disable())
            .formLogin(form -> form.disable())
            .logout(logout -> logout.disable())
            .requestCache(cache -> cache.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
            .oauth2ResourceServer(server -> server
                .authenticationEntryPoint(handlers)
                .accessDeniedHandler(handlers)
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(
                        token -> new JwtAuthenticationToken(token, authorities(token), token.getSubject()))))
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers(ALWAYS_PUBLIC.toArray(String[]::new)).permitAll();
                requests.requestMatchers(publicEndpoints).permitAll();
                properties.websocketPaths().forEach(path -> permit(requests, path));
            });
    }

    /** A user's active role, or a service's scopes. */
    static Collection<GrantedAuthority> authorities(Jwt token) {
        Caller caller = AccessTokens.caller(token);
        if (caller instanceof CurrentUser user) {
            return List.of(new SimpleGrantedAuthority(user.activeRole().authority()));
        }
        List<GrantedAuthority> scopes = new ArrayList<>();
        ((ServiceCaller) caller).scopes().forEach(scope -> scopes.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return scopes;
    }

    private static void permit(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        if (parts.length == 2) {
            requests.requestMatchers(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]).permitAll();
        }
        else {
            requests.requestMatchers(parts[0]).permitAll();
        }
    }

    @Bean
    WebMvcConfigurer callerConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new EndpointAccess());
            }
        };
    }
}
