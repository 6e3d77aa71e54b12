package com.linkwithmentor.realtime.baseline;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.UriComponentsBuilder;

import com.linkwithmentor.common.security.AccessTokens;

/**
 * The memory benchmark's baseline: the same authenticated, idle sockets served the way chat served
 * them before the socket layer, on Tomcat's WebSocket (Spring's handler, token checked in a
 * handshake interceptor, chat's old container settings: 16,384-character text buffer, 1 KB binary
 * buffer, 64 KB socket send buffer), each holding a small per-connection object as a service would.
 */
@SpringBootApplication
@EnableWebSocket
public class TomcatSocketApplication implements WebSocketConfigurer {

    private final Map<String, Object> connections = new ConcurrentHashMap<>();

    private final JwtDecoder decoder;

    public TomcatSocketApplication(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    public static void main(String[] args) {
        SpringApplication.run(TomcatSocketApplication.class, args);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TextWebSocketHandler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                connections.put(session.getId(), new Object[] { session.getAttributes().get("user"), UUID.randomUUID() });
                session.sendMessage(new TextMessage("{\"type\":\"ready\",\"connection_id\":\"" + session.getId() + "\"}"));
            }

            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
                session.sendMessage(new TextMessage("{\"type\":\"pong\"}"));
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session,
                    org.springframework.web.socket.CloseStatus status) {
                connections.remove(session.getId());
            }
        }, "/ws/echo").addInterceptors(new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                    WebSocketHandler handler, Map<String, Object> attributes) {
                String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams()
                    .getFirst("access_token");
                try {
                    attributes.put("user", AccessTokens.currentUser(decoder.decode(token)));
                    attributes.put("token", token);
                    return true;
                }
                catch (JwtException | IllegalArgumentException | NullPointerException ex) {
                    response.setStatusCode(HttpStatus.UNAUTHORIZED);
                    return false;
                }
                catch (RuntimeException ex) {
                    // e.g. the revocation check timing out under load: try again
                    response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                    return false;
                }
            }

            @Override
            public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                    @Nullable Exception exception) {
            }
        }).setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(16384);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(300_000L);
        container.setAsyncSendTimeout(10_000L);
        return container;
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> socketSendBuffer() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.txBufSize", "65536");
            connector.setProperty("maxConnections", "60000");
        });
    }
}
