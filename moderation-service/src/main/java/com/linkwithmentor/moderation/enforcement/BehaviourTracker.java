package com.linkwithmentor.moderation.enforcement;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.moderation.policy.Policy;

/**
 * Counts what users do over time, in Redis so every instance counts together: chat messages per
 * window, how often the same (normalized) message was sent, and how many different people
 * reported a user. Each observation is one script call, one round trip. Counters are fixed
 * windows that start with the first event, which is what a rate limit in the chat path needs
 * (cheap, and good enough for thresholds of this size). If Redis is unreachable, analysis goes on
 * without behaviour signals rather than failing the message.
 */
@Component
public class BehaviourTracker {

    private static final Logger log = LoggerFactory.getLogger(BehaviourTracker.class);

    private static final String MESSAGE_SCRIPT = """
            local rate = redis.call('INCR', KEYS[1])
            if rate == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local repeats = 0
            if ARGV[3] == '1' then
              repeats = redis.call('INCR', KEYS[2])
              if repeats == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
            end
            return {rate, repeats}
            """;

    private static final String REPORT_SCRIPT = """
            local added = redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {added, redis.call('SCARD', KEYS[1])}
            """;

    private final StatefulRedisConnection<String, String> redis;

    private final AtomicLong lastWarning = new AtomicLong();

    private volatile @Nullable String messageSha;

    private volatile @Nullable String reportSha;

    public BehaviourTracker(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** What one more chat message means for its sender. */
    public record MessageSignals(long messagesInWindow, long repeatsInWindow, boolean overRate, boolean rateJustExceeded,
            boolean repeated) {

        static final MessageSignals NONE = new MessageSignals(0, 0, false, false, false);
    }

    /**
     * Counts a message; {@code fingerprint} identifies its normalized text, and repeats count only
     * for messages at least as long as the policy's minimum (many people say "ok" twice).
     */
    public MessageSignals observeMessage(UUID userId, long fingerprint, int normalizedLength, Policy.Behaviour rules) {
        Policy.MessageRate rate = rules.messageRate();
        Policy.RepeatedContent repeated = rules.repeatedContent();
        boolean countRepeat = normalizedLength >= repeated.minLength();
        List<Long> counts = run(MESSAGE_SCRIPT, true,
                List.of(key(userId, "rate"), key(userId, "repeat:" + Long.toHexString(fingerprint))),
                List.of(Long.toString(rate.window().toMillis()), Long.toString(repeated.window().toMillis()),
                        countRepeat ? "1" : "0"));
        if (counts == null) {
            return MessageSignals.NONE;
        }
        long messages = counts.get(0);
        long repeats = counts.get(1);
        return new MessageSignals(messages, repeats, messages > rate.maxMessages(), messages == rate.maxMessages() + 1L,
                repeats > repeated.maxRepeats());
    }

    /**
     * Records that {@code reporterId} reported {@code userId}; returns how many distinct people
     * reported them within the window if this reporter is new, or -1 (repeat reporter, or Redis away).
     * The window slides: the set lives for the window after the latest report.
     */
    public long reportReceived(UUID userId, UUID reporterId, Policy.ReportsReceived rules) {
        List<Long> result = run(REPORT_SCRIPT, false, List.of(key(userId, "reporters")),
                List.of(reporterId.toString(), Long.toString(rules.window().toMillis())));
        if (result == null || result.get(0) == 0) {
            return -1;
        }
        return result.get(1);
    }

    private static String key(UUID userId, String what) {
        // The hash tag keeps one user's keys on one cluster slot, as a multi-key script needs.
        return "moderation:{" + userId + "}:" + what;
    }

    @SuppressWarnings("unchecked")
    private @Nullable List<Long> run(String script, boolean message, List<String> keys, List<String> args) {
        RedisCommands<String, String> commands = redis.sync();
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        try {
            String sha = message ? messageSha : reportSha;
            if (sha == null) {
                sha = commands.scriptLoad(script);
                if (message) {
                    messageSha = sha;
                }
                else {
                    reportSha = sha;
                }
            }
            try {
                return (List<Long>) (List<?>) commands.evalsha(sha, ScriptOutputType.MULTI, keyArray, argArray);
            }
            catch (RedisNoScriptException ex) {
                // Redis restarted or flushed its scripts: send the script itself this time.
                if (message) {
                    messageSha = null;
                }
                else {
                    reportSha = null;
                }
                return (List<Long>) (List<?>) commands.eval(script, ScriptOutputType.MULTI, keyArray, argArray);
            }
        }
        catch (RedisException ex) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 30_000 && lastWarning.compareAndSet(last, now)) {
                log.warn("Behaviour tracking is unavailable, analysing without it: {}", ex.getMessage());
            }
            return null;
        }
    }
}
