package com.linkwithmentor.meeting.whiteboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live boards in Redis and their write-back to PostgreSQL.
 *
 * <p>A board is the hash {@code whiteboard:{session_id}}: {@code seq} (the board's version, one
 * step per applied operation), {@code count}/{@code bytes} (live totals), {@code loaded}, and one
 * field {@code el:{element_id}} per element holding its JSON. A batch reads the fields it touches,
 * lets {@link Whiteboard} decide each operation, and commits all its changes in one script that
 * first checks every field still holds what was read (compare-and-set) and the totals stay within
 * bounds; on a concurrent change it reads again and retries. Boards missing from Redis (first use,
 * expiry, a flushed Redis) are loaded from PostgreSQL. Changed boards are listed in
 * {@code whiteboard:dirty} and written back every {@code write-back-interval} by whichever
 * instance pops them, and at once when the session ends.
 */
@Component
public class LiveBoards {

    static final String DIRTY = "whiteboard:dirty";

    private static final String ELEMENT = "el:";

    private static final int ATTEMPTS = 6;

    private static final Logger log = LoggerFactory.getLogger(LiveBoards.class);

    /** ARGV: ttl-ms, then field/value pairs. Loads a board unless it is already live. */
    private static final Script LOAD = new Script(ScriptOutputType.INTEGER, """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              return 0
            end
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * ARGV: ttl-ms, max-count, max-bytes, version-steps, session id, expected seq ('' for any),
     * field count, then per field: name, expected value ('' for absent), new value, count delta, bytes delta.
     * Returns {seq} on success, {-1} when a field changed, {-2} when the board is not live, {-3}
     * when a bound would be passed, {-4, seq} when the board's version is not the expected one.
     */
    private static final Script APPLY = new Script(ScriptOutputType.MULTI, """
            if redis.call('HEXISTS', KEYS[1], 'loaded') == 0 then return {-2} end
            if ARGV[6] ~= '' then
              local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
              if seq ~= tonumber(ARGV[6]) then return {-4, seq} end
            end
            local n = tonumber(ARGV[7])
            local dc, db = 0, 0
            for i = 0, n - 1 do
              local base = 8 + i * 5
              local current = redis.call('HGET', KEYS[1], ARGV[base])
              if current == false then current = '' end
              if current ~= ARGV[base + 1] then return {-1} end
              dc = dc + tonumber(ARGV[base + 3])
              db = db + tonumber(ARGV[base + 4])
            end
            local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0') + dc
            local bytes = tonumber(redis.call('HGET', KEYS[1], 'bytes') or '0') + db
            if (dc > 0 and count > tonumber(ARGV[2])) or (db > 0 and bytes > tonumber(ARGV[3])) then return {-3} end
            for i = 0, n - 1 do
              local base = 8 + i * 5
              redis.call('HSET', KEYS[1], ARGV[base], ARGV[base + 2])
            end
            redis.call('HSET', KEYS[1], 'count', count, 'bytes', bytes)
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', tonumber(ARGV[4]))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[5])
            return {seq}
            """);

    private final StatefulRedisConnection<String, String> redis;

    private final WhiteboardStore store;

    private final WhiteboardChannel channel;

    private final JsonMapper json;

    private final WhiteboardProperties properties;

    private final TransactionTemplate ownTransaction;

    private final Clock clock;

    LiveBoards(StatefulRedisConnection<String, String> redis, WhiteboardStore store, WhiteboardChannel channel, JsonMapper json,
            WhiteboardProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.redis = redis;
        this.store = store;
        this.channel = channel;
        this.json = json;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    static String key(UUID sessionId) {
        return "whiteboard:" + sessionId;
    }

    /** The board as it is now: its version and every element, tombstones included. */
    public record Snapshot(UUID sessionId, long version, List<Whiteboard.Element> elements) {

        public List<Whiteboard.Element> live() {
            return elements.stream().filter(element -> !element.deleted()).toList();
        }
    }

    /** A batch's answer: the board's version after it, and each operation's outcome, in order. */
    public record BatchResult(long version, List<Whiteboard.Outcome> outcomes) {
    }

    public Snapshot snapshot(UUID sessionId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ensureLoaded(sessionId);
            Map<String, String> hash = commands().hgetall(key(sessionId));
            if (hash.containsKey("loaded")) {
                List<Whiteboard.Element> elements = new ArrayList<>();
                hash.forEach((field, value) -> {
                    if (field.startsWith(ELEMENT)) {
                        elements.add(parse(value));
                    }
                });
                elements.sort(java.util.Comparator.comparing(Whiteboard.Element::updatedAt)
                    .thenComparing(Whiteboard.Element::elementId));
                return new Snapshot(sessionId, Long.parseLong(hash.getOrDefault("seq", "0")), elements);
            }
        }
        throw busy();
    }

    /** Applies operations in order, each on its own (one may be rejected while the others apply), and fans them out. */
    public BatchResult apply(UUID sessionId, List<Whiteboard.Op> ops, UUID by) {
        Set<String> ids = new LinkedHashSet<>();
        ops.forEach(op -> ids.add(op.elementId()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ensureLoaded(sessionId);
            List<String> fields = new ArrayList<>(List.of("loaded", "seq", "count", "bytes"));
            ids.forEach(id -> fields.add(ELEMENT + id));
            List<KeyValue<String, String>> values = commands().hmget(key(sessionId), fields.toArray(String[]::new));
            if (!values.get(0).hasValue()) {
                continue;
            }
            long seq = Long.parseLong(values.get(1).getValueOrElse("0"));
            int count = Integer.parseInt(values.get(2).getValueOrElse("0"));
            long bytes = Long.parseLong(values.get(3).getValueOrElse("0"));
            Map<String, String> raw = new LinkedHashMap<>();
            Map<String, Whiteboard.Element> before = new LinkedHashMap<>();
            for (int i = 4; i < values.size(); i++) {
                String id = fields.get(i).substring(ELEMENT.length());
                if (values.get(i).hasValue()) {
                    raw.put(id, values.get(i).getValue());
                    before.put(id, parse(values.get(i).getValue()));
                }
            }
            Whiteboard board = Whiteboard.partial(before.values(), count, bytes, properties.limits());
            Instant now = clock.instant();
            List<Whiteboard.Outcome> outcomes = ops.stream().map(op -> board.apply(op, by, now)).toList();
            List<Whiteboard.Applied> applied = outcomes.stream().filter(Whiteboard.Applied.class::isInstance)
                .map(Whiteboard.Applied.class::cast).toList();
            if (applied.isEmpty()) {
                return new BatchResult(seq, outcomes);
            }
            Long committed = commit(sessionId, board, before, raw, applied.size(), null);
            if (committed == null) {
                continue;
            }
            channel.publish(new BoardMessage.OpsApplied(sessionId, committed, by, applied.stream().map(this::change).toList()));
            return new BatchResult(committed, outcomes);
        }
        throw busy();
    }

    /**
     * Replaces the whole board if it is still at {@code expectedVersion} (409 otherwise): elements
     * left out are deleted, changed ones updated, new ones added; one version step. Written back at once.
     */
    public Snapshot replace(UUID sessionId, long expectedVersion, List<Whiteboard.Add> document, UUID by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Snapshot current = snapshot(sessionId);
            if (current.version() != expectedVersion) {
                throw staleVersion(current.version());
            }
            Map<String, Whiteboard.Element> before = new LinkedHashMap<>();
            current.elements().forEach(element -> before.put(element.elementId(), element));
            Map<String, String> raw = new LinkedHashMap<>();
            before.forEach((id, element) -> raw.put(id, write(element)));
            Whiteboard board = Whiteboard.of(before.values(), properties.limits());
            Instant now = clock.instant();
            Set<String> kept = new LinkedHashSet<>();
            List<Whiteboard.Op> ops = new ArrayList<>();
            for (Whiteboard.Add add : document) {
                kept.add(add.elementId());
                Whiteboard.Element existing = before.get(add.elementId());
                if (existing == null || existing.deleted()) {
                    ops.add(add);
                }
                else if (!existing.kind().equals(add.kind())) {
                    throw ApiException.badRequest("elements", "Element " + add.elementId() + " is a " + existing.kind()
                            + "; an element keeps its kind");
                }
                else if (!existing.data().equals(add.data())) {
                    ops.add(new Whiteboard.Update(add.elementId(), add.data()));
                }
            }
            before.values().stream().filter(element -> !element.deleted() && !kept.contains(element.elementId()))
                .forEach(element -> ops.add(0, new Whiteboard.Delete(element.elementId())));
            for (Whiteboard.Op op : ops) {
                if (board.apply(op, by, now) instanceof Whiteboard.Rejected rejected) {
                    throw rejectedDocument(rejected);
                }
            }
            if (ops.isEmpty()) {
                return current;
            }
            Long committed = commit(sessionId, board, before, raw, 1, expectedVersion);
            if (committed == null) {
                continue;
            }
            channel.publish(new BoardMessage.BoardReplaced(sessionId, committed, by));
            writeBack(sessionId);
            return snapshot(sessionId);
        }
        throw busy();
    }

    /** Runs the compare-and-set script; the new version, or null to read again and retry. */
    private @Nullable Long commit(UUID sessionId, Whiteboard board, Map<String, Whiteboard.Element> before,
            Map<String, String> raw, int versionSteps, @Nullable Long expectedVersion) {
        List<String> args = new ArrayList<>(List.of(Long.toString(properties.liveTtl().toMillis()),
                Integer.toString(properties.maxElements()), Long.toString(properties.maxBoardBytes().toBytes()),
                Integer.toString(versionSteps), sessionId.toString(), expectedVersion == null ? "" : expectedVersion.toString()));
        List<String> changed = new ArrayList<>();
        for (Whiteboard.Element after : board.elements()) {
            Whiteboard.Element previous = before.get(after.elementId());
            if (after.equals(previous)) {
                continue;
            }
            changed.add(ELEMENT + after.elementId());
            changed.add(raw.getOrDefault(after.elementId(), ""));
            changed.add(write(after));
            changed.add(Integer.toString(live(after) - live(previous)));
            changed.add(Long.toString((long) after.bytes() - (previous == null ? 0 : previous.bytes())));
        }
        args.add(Integer.toString(changed.size() / 5));
        args.addAll(changed);
        List<Object> result = APPLY.run(commands(), new String[] { key(sessionId), DIRTY }, args);
        long code = (Long) result.get(0);
        if (code == -4) {
            throw staleVersion((Long) result.get(1));
        }
        return code >= 0 ? code : null;
    }

    private static int live(Whiteboard.@Nullable Element element) {
        return element == null || element.deleted() ? 0 : 1;
    }

    /** Loads the board from PostgreSQL into Redis unless it is live there. */
    void ensureLoaded(UUID sessionId) {
        RedisCommands<String, String> commands = commands();
        String key = key(sessionId);
        if (commands.exists(key) == 1) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(Long.toString(properties.liveTtl().toMillis()));
        long version = 0;
        int count = 0;
        long bytes = 0;
        WhiteboardStore.Stored stored = store.find(sessionId).orElse(null);
        if (stored != null) {
            version = stored.version();
            for (Map.Entry<String, JsonNode> entry : json.readTree(stored.elementsJson()).properties()) {
                Whiteboard.Element element = json.treeToValue(entry.getValue(), Whiteboard.Element.class);
                args.add(ELEMENT + element.elementId());
                args.add(write(element));
                count += live(element);
                bytes += element.bytes();
            }
        }
        args.addAll(List.of("loaded", "1", "seq", Long.toString(version), "count", Integer.toString(count), "bytes",
                Long.toString(bytes)));
        LOAD.run(commands, new String[] { key }, args);
    }

    /** Writes the live board to PostgreSQL (in its own transaction), if it is live. */
    public void writeBack(UUID sessionId) {
        Map<String, String> hash = commands().hgetall(key(sessionId));
        if (!hash.containsKey("loaded")) {
            return;
        }
        StringBuilder elements = new StringBuilder("{");
        hash.forEach((field, value) -> {
            if (field.startsWith(ELEMENT)) {
                if (elements.length() > 1) {
                    elements.append(',');
                }
                elements.append('"').append(field.substring(ELEMENT.length())).append("\":").append(value);
            }
        });
        elements.append('}');
        long version = Long.parseLong(hash.getOrDefault("seq", "0"));
        ownTransaction.executeWithoutResult(status -> store.write(sessionId, elements.toString(), version, null,
                clock.instant()));
    }

    /** Every few seconds: the boards changed since, popped so each is written by one instance. */
    @Scheduled(fixedDelayString = "${lwm.meeting.whiteboard.write-back-interval:3s}")
    void writeBackChanged() {
        Set<String> dirty;
        try {
            dirty = commands().spop(DIRTY, 100);
        }
        catch (RuntimeException ex) {
            log.debug("No write-back this round: {}", ex.getMessage());
            return;
        }
        for (String id : dirty) {
            try {
                writeBack(UUID.fromString(id));
            }
            catch (RuntimeException ex) {
                log.warn("Write-back of board {} failed; it stays marked: {}", id, ex.toString());
                try {
                    commands().sadd(DIRTY, id);
                }
                catch (RuntimeException again) {
                    log.warn("Could not mark board {} again: {}", id, again.toString());
                }
            }
        }
    }

    /**
     * The session ended: its board is written back now, leaves Redis within the hour, and its live
     * viewers are told ({@code board_closed}).
     */
    public void finish(UUID sessionId) {
        writeBack(sessionId);
        commands().pexpire(key(sessionId), Duration.ofHours(1).toMillis());
        String seq = commands().hget(key(sessionId), "seq");
        channel.publish(new BoardMessage.BoardClosed(sessionId, seq != null ? Long.parseLong(seq) : 0));
    }

    private BoardMessage.ElementChange change(Whiteboard.Applied applied) {
        Whiteboard.Element element = applied.element();
        String op = switch (applied.op()) {
            case Whiteboard.Add add -> "add";
            case Whiteboard.Update update -> "update";
            case Whiteboard.Delete delete -> "delete";
        };
        return new BoardMessage.ElementChange(op, element.elementId(), element.version(), element.kind(),
                element.deleted() ? null : element.data(), element.deleted());
    }

    private Whiteboard.Element parse(String value) {
        return json.readValue(value, Whiteboard.Element.class);
    }

    private String write(Whiteboard.Element element) {
        return json.writeValueAsString(element);
    }

    private RedisCommands<String, String> commands() {
        return redis.sync();
    }

    private static ApiException staleVersion(long current) {
        return new ApiException(ErrorCode.CONFLICT, "The board changed meanwhile; it is at version " + current,
                Map.of("reason", "stale_version", "current_version", current));
    }

    private static ApiException rejectedDocument(Whiteboard.Rejected rejected) {
        return switch (rejected.reason()) {
            case ELEMENT_TOO_LARGE -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Element " + rejected.op().elementId()
                    + " is larger than an element may be", Map.of("field", "elements", "element_id", rejected.op().elementId()));
            case BOARD_FULL -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The board would be larger than a board may be",
                    Map.of("field", "elements"));
            case DELETED -> new ApiException(ErrorCode.CONFLICT, "Element " + rejected.op().elementId()
                    + " was deleted; a new element needs a new id", Map.of("element_id", rejected.op().elementId()));
            default -> new ApiException(ErrorCode.CONFLICT, "The board could not take element " + rejected.op().elementId(),
                    Map.of("element_id", rejected.op().elementId()));
        };
    }

    private static ApiException busy() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The board is too busy right now; try again",
                Map.of("retry_after_seconds", 1));
    }

    /** A Lua script sent once and then called by its SHA (sent again only when Redis forgot it). */
    private static final class Script {

        private final ScriptOutputType type;

        private final String source;

        private volatile @Nullable String sha;

        Script(ScriptOutputType type, String source) {
            this.type = type;
            this.source = source;
        }

        @SuppressWarnings("unchecked")
        <T> T run(RedisCommands<String, String> commands, String[] keys, List<String> args) {
            String[] values = args.toArray(String[]::new);
            String loaded = sha;
            if (loaded != null) {
                try {
                    return (T) commands.evalsha(loaded, type, keys, values);
                }
                catch (RedisNoScriptException ex) {
                    // Redis restarted or flushed its scripts: load it again below.
                }
            }
            sha = commands.scriptLoad(source);
            return (T) commands.evalsha(Objects.requireNonNull(sha), type, keys, values);
        }
    }
}
