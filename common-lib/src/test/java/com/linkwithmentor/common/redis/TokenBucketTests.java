package com.linkwithmentor.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.TestServers;

/** The shared token bucket on a real Redis. */
class TokenBucketTests {

    final RedisClient client = RedisClient.create(TestServers.redis().url());

    final StatefulRedisConnection<String, String> redis = client.connect();

    final TokenBucket buckets = new TokenBucket(redis);

    final String key = "test_bucket:" + UUID.randomUUID();

    @AfterEach
    void close() {
        redis.close();
        client.shutdown();
    }

    @Test
    void aFullBucketAllowsItsCapacityThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(key, 3, 0.5).allowed()).isTrue();
        }
        TokenBucket.Decision refused = buckets.take(key, 3, 0.5);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isBetween(1_500L, 2_000L);
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
        assertThat(buckets.take("other:" + key, 3, 0.5).allowed()).as("another key has its own bucket").isTrue();
    }

    @Test
    void tokensComeBackWithTimeAndTheReactiveCallAgrees() throws Exception {
        assertThat(buckets.take(key, 1, 20).allowed()).isTrue();
        assertThat(buckets.takeReactive(key, 1, 20).block().allowed()).isFalse();
        Thread.sleep(120);
        assertThat(buckets.takeReactive(key, 1, 20).block().allowed()).isTrue();
        assertThat(redis.sync().pttl(key)).isPositive();
    }
}
