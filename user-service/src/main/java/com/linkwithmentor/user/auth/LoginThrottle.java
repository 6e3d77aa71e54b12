package com.linkwithmentor.user.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * Slows down password guessing, in Redis so every instance counts together. Per account: after
 * a few free failures, each further failure locks the account's logins for twice as long as the
 * last (capped). Per client IP: a ceiling of failures per window. Either answers 429 with when to
 * come back; a success clears the account's count.
 */
@Component
class LoginThrottle {

    private final StatefulRedisConnection<String, String> redis;

    private final AuthProperties properties;

    LoginThrottle(StatefulRedisConnection<String, String> redis, AuthProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    void checkAllowed(String login, String ip) {
        RedisCommands<String, String> commands = redis.sync();
        long lockedFor = commands.pttl(lockKey(login));
        if (lockedFor > 0) {
            throw tooMany(Duration.ofMillis(lockedFor), "Too many failed logins for this account");
        }
        String ipFailures = commands.get(ipKey(ip));
        if (ipFailures != null && Long.parseLong(ipFailures) >= properties.ipFailuresPerWindow()) {
            long ttl = commands.pttl(ipKey(ip));
            throw tooMany(Duration.ofMillis(Math.max(ttl, 1000)), "Too many failed logins from this address");
        }
    }

    void recordFailure(String login, String ip) {
        RedisCommands<String, String> commands = redis.sync();
        long failures = commands.incr(failuresKey(login));
        commands.pexpire(failuresKey(login), properties.failureWindow().toMillis());
        commands.incr(ipKey(ip));
        commands.pexpire(ipKey(ip), properties.failureWindow().toMillis());
        long beyond = failures - properties.freeLoginFailures();
        if (beyond >= 0) {
            long seconds = Math.min(1L << Math.min(beyond, 20), properties.maxLockout().toSeconds());
            commands.psetex(lockKey(login), seconds * 1000, "1");
        }
    }

    void recordSuccess(String login) {
        redis.sync().del(failuresKey(login), lockKey(login));
    }

    private static ApiException tooMany(Duration wait, String message) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(ErrorCode.RATE_LIMITED, message + "; try again in " + seconds + " s",
                Map.of("retry_after_seconds", seconds));
    }

    private static String failuresKey(String login) {
        return "login_failures:account:" + login.toLowerCase(Locale.ROOT);
    }

    private static String lockKey(String login) {
        return "login_lock:account:" + login.toLowerCase(Locale.ROOT);
    }

    private static String ipKey(String ip) {
        return "login_failures:ip:" + ip;
    }
}
