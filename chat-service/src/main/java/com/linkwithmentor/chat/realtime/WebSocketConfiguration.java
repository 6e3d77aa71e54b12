package com.linkwithmentor.chat.realtime;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** {@code /ws/chat}: a plain WebSocket handler (JSON frames, no STOMP) behind the token check. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ChatWebSocketHandler handler;

    private final TokenHandshakeInterceptor tokens;

    private final RealtimeProperties properties;

    WebSocketConfiguration(ChatWebSocketHandler handler, TokenHandshakeInterceptor tokens,
            RealtimeProperties properties) {
        this.handler = handler;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/chat")
            .addInterceptors(tokens)
            .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    /** Tomcat's WebSocket limits: frame size, idle time, and how long one write may block. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxFrameChars());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
        container.setAsyncSendTimeout(properties.sendTimeout().toMillis());
        return container;
    }

    /**
     * A fixed socket send buffer instead of the kernel's autotuning (up to 4 MB per connection on
     * Linux): it bounds kernel memory per open socket, and a client that stops reading fills it,
     * and then our bounded queue, quickly, so it is found out and dropped quickly.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> socketSendBuffer() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize",
                Long.toString(properties.socketSendBuffer().toBytes())));
    }
}
