package com.linkwithmentor.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** Where a running Redis server answers, as a {@code redis://} URL. */
public record RedisEndpoint(String url) {

    /** Removes every key, so a test starts from an empty Redis. */
    public void flushAll() {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        }
        finally {
            client.shutdown();
        }
    }
}
