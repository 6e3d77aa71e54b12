package com.linkwithmentor.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
    void tokensComeBackWithTimeAndTheReactiveCallAgrees() {
        assertThat(buckets.take(key, 1, 20).allowed()).isTrue();
        assertThat(buckets.takeReactive(key, 1, 20).block().allowed()).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> buckets.takeReactive(key, 1, 20).block().allowed());
        assertThat(redis.sync().pttl(key)).isPositive();
    }

    @Test
    void aGuardKeyHoldingAtLeastItsMinimumRefusesWithoutTakingAToken() {
        String mark = "test_mark:" + UUID.randomUUID();
        List<TokenBucket.Guard> guards = List.of(new TokenBucket.Guard(mark, 100));
        assertThat(buckets.takeReactive(key, 5, 0.001, guards).block().allowed()).as("no mark yet").isTrue();

        redis.sync().set(mark, "99");
        assertThat(buckets.takeReactive(key, 5, 0.001, guards).block().guarded()).as("below the minimum").isFalse();
        redis.sync().set(mark, "100");
        TokenBucket.Decision guarded = buckets.takeReactive(key, 5, 0.001, guards).block();
        assertThat(guarded.guarded()).isTrue();
        assertThat(guarded.allowed()).isFalse();
        redis.sync().set(mark, "revoked");
        assertThat(buckets.takeReactive(key, 5, 0.001, guards).block().guarded()).as("a non-number counts as large").isTrue();

        redis.sync().del(mark);
        assertThat(redis.sync().hget(key, "tokens")).as("guarded calls took nothing").startsWith("3");
    }

    @Test
    void theScriptTravelsOnceAndAgainOnlyWhenRedisForgotIt() {
        String sha = redis.sync().digest(TokenBucket.SCRIPT);
        redis.sync().scriptFlush();
        assertThat(redis.sync().scriptExists(sha)).containsExactly(false);

        assertThat(buckets.take(key, 2, 1).allowed()).isTrue();
        assertThat(redis.sync().scriptExists(sha)).as("loaded by the fallback to EVAL").containsExactly(true);
        redis.sync().scriptFlush();
        assertThat(buckets.takeReactive(key, 2, 1).block().allowed()).isTrue();
        assertThat(buckets.takeReactive(key, 2, 1).block().allowed()).isFalse();
        assertThat(redis.sync().scriptExists(sha)).containsExactly(true);
    }
}
