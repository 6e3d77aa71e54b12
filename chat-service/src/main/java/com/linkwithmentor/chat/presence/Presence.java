package com.linkwithmentor.chat.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who is online, in Redis as the design has it: {@code user_presence:{user_id}} is a hash with
 * {@code status}, {@code current_role} and {@code updated_at}, expiring 300 s after the last
 * heartbeat. A user may be connected several times on several instances, so the hash also keeps
 * one field per connection ({@code c:<id>} = {@code status:epoch-seconds}); the user's status is
 * the best of them (online over away), and offline when none is left. Entries of connections that
 * died with their instance age out after the TTL.
 */
@Component
public class Presence {

    /** Recomputes the user's status after one connection's change; returns {before, after}. */
    private static final String UPDATE = """
            local key = KEYS[1]
            local now = tonumber(ARGV[3])
            local ttl = tonumber(ARGV[4])
            local before = redis.call('HGET', key, 'status') or 'offline'
            if ARGV[2] == '' then
              redis.call('HDEL', key, 'c:' .. ARGV[1])
            else
              redis.call('HSET', key, 'c:' .. ARGV[1], ARGV[2] .. ':' .. now)
            end
            local fields = redis.call('HGETALL', key)
            local status = 'offline'
            for i = 1, #fields, 2 do
              local field = fields[i]
              if string.sub(field, 1, 2) == 'c:' then
                local value = fields[i + 1]
                local sep = string.find(value, ':')
                local state = string.sub(value, 1, sep - 1)
                local seen = tonumber(string.sub(value, sep + 1))
                if now - seen > ttl then
                  redis.call('HDEL', key, field)
                elseif state == 'online' then
                  status = 'online'
                elseif status ~= 'online' then
                  status = 'away'
                end
              end
            end
            if status == 'offline' then
              redis.call('DEL', key)
            else
              redis.call('HSET', key, 'status', status, 'current_role', ARGV[5], 'updated_at', now)
              redis.call('EXPIRE', key, ttl)
            end
            return {before, status}
            """;

    public enum Status {
        ONLINE, AWAY, OFFLINE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(@Nullable String value) {
            return value == null ? OFFLINE : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** The user's status before and after a change. */
    public record Change(Status before, Status after) {

        public boolean changed() {
            return before != after;
        }
    }

    private final StatefulRedisConnection<String, String> redis;

    private final PresenceProperties properties;

    public Presence(StatefulRedisConnection<String, String> redis, PresenceProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public static String key(UUID userId) {
        return "user_presence:" + userId;
    }

    /** Records one connection as online or away (also the heartbeat that keeps the entry alive). */
    public Change connectionIs(UUID userId, String connectionId, Status status, String activeRole) {
        if (status == Status.OFFLINE) {
            return connectionGone(userId, connectionId, activeRole);
        }
        return update(userId, connectionId, status.wireName(), activeRole);
    }

    public Change connectionGone(UUID userId, String connectionId, String activeRole) {
        return update(userId, connectionId, "", activeRole);
    }

    private Change update(UUID userId, String connectionId, String status, String activeRole) {
        List<String> result = redis.sync().eval(UPDATE, ScriptOutputType.MULTI, new String[] { key(userId) },
                connectionId, status, Long.toString(Instant.now().getEpochSecond()),
                Long.toString(properties.ttl().toSeconds()), activeRole);
        return new Change(Status.fromWire(result.get(0)), Status.fromWire(result.get(1)));
    }

    /** Each user's status, in one pipelined round trip. */
    public Map<UUID, Status> statuses(Collection<UUID> userIds) {
        RedisAsyncCommands<String, String> async = redis.async();
        Map<UUID, RedisFuture<String>> pending = new LinkedHashMap<>();
        for (UUID userId : userIds) {
            pending.put(userId, async.hget(key(userId), "status"));
        }
        Map<UUID, Status> statuses = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (Map.Entry<UUID, RedisFuture<String>> entry : pending.entrySet()) {
            statuses.put(entry.getKey(), Status.fromWire(await(entry.getValue(), deadline)));
        }
        return statuses;
    }

    public Duration heartbeatRefresh() {
        return properties.refresh();
    }

    private static @Nullable String await(RedisFuture<String> future, long deadlineNanos) {
        try {
            return future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (ExecutionException | TimeoutException ex) {
            // Presence is advisory: an unanswered lookup shows the user as offline.
            return null;
        }
    }
}
