package com.linkwithmentor.gateway.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.gateway.GatewayProperties;

import reactor.netty.NettyPipeline;

/**
 * The plain TCP listener Boot starts gets what the gateway's own listeners get too: the access log
 * with tokens redacted, and ApiError bodies for what HTTP/1.1 decoding refuses.
 */
@Configuration(proxyBeanMethods = false)
class EdgeServerConfiguration {

    @Bean
    NettyServerCustomizer edgeServerCustomizer(ApiErrorResponses errors, GatewayProperties properties) {
        return server -> AccessLogs.configure(server, properties.accessLog())
            .doOnChannelInit((observer, channel, remote) -> {
                if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                        && channel.pipeline().get(NettyErrorBodies.NAME) == null) {
                    channel.pipeline().addAfter(NettyPipeline.HttpCodec, NettyErrorBodies.NAME, new NettyErrorBodies(errors));
                }
            });
    }
}
