package com.linkwithmentor.common.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where Redis answers ({@code redis://[:password@]host:port[/database]}) and how long a command may take. */
@ConfigurationProperties("lwm.redis")
public record RedisProperties(
        @DefaultValue("redis://localhost:6379") String url,
        @DefaultValue("2s") Duration commandTimeout) {
}
