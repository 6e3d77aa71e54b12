package com.linkwithmentor.common.security;

import java.util.List;

import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.linkwithmentor.common.redis.RedisAutoConfiguration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service is a resource server: each request needs a valid access token unless its
 * path is listed in {@code lwm.security.public-paths} (or is a health probe), and the token's
 * active role becomes the caller's only authority. A service that needs more declares its own
 * {@link SecurityFilterChain} and may reuse {@link #configureDefaults}.
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
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain lwmSecurityFilterChain(HttpSecurity http, TokenProperties properties, JwtDecoder decoder,
            ApiErrorSecurityHandlers handlers) throws Exception {
        configureDefaults(http, properties, decoder, handlers);
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    /** Stateless token authentication with ApiError rendering, and the public paths permitted. */
    public static void configureDefaults(HttpSecurity http, TokenProperties properties, JwtDecoder decoder,
            ApiErrorSecurityHandlers handlers) throws Exception {
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
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token,
                        List.of(new SimpleGrantedAuthority(AccessTokens.currentUser(token).activeRole().authority())),
                        token.getSubject()))))
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers(ALWAYS_PUBLIC.toArray(String[]::new)).permitAll();
                properties.publicPaths().forEach(path -> permit(requests, path));
            });
    }

    private static void permit(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        if (parts.length == 2) {
            requests.requestMatchers(HttpMethod.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), parts[1]).permitAll();
        }
        else {
            requests.requestMatchers(parts[0]).permitAll();
        }
    }

    @Bean
    WebMvcConfigurer currentUserResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }
}
