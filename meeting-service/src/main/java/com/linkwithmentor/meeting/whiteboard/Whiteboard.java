package com.linkwithmentor.meeting.whiteboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The whiteboard's element-level operation model, pure (no Redis, no Spring): a board is a set of
 * elements, each with its own version; an operation adds, updates or deletes one element, and the
 * last writer per element wins, so two people drawing different strokes at once never erase each
 * other's. A deleted element stays as a tombstone, so a late update cannot bring it back, nor an
 * add reuse its id. The board is bounded in live elements, bytes per element and bytes in all.
 *
 * <p>An instance may hold the whole board or only the elements a batch touches plus the board's
 * totals ({@link #partial}); either way {@link #apply} gives the same answer for those elements.
 */
public final class Whiteboard {

    /** Element ids are chosen by clients (UUIDs, nanoids): short and plain, so they are safe as hash fields. */
    public static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What an element is: stroke, rect, ellipse, line, arrow, text, sticky, image... */
    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public record Limits(int maxElements, int maxElementBytes, long maxBoardBytes) {
    }

    /** One element as stored: its data is opaque to the server (a JSON object the clients agree on). */
    public record Element(String elementId, String kind, JsonNode data, long version, boolean deleted,
            @Nullable UUID updatedBy, Instant updatedAt) {

        /** What the element counts against the board's byte bound; a tombstone counts nothing. */
        public int bytes() {
            return deleted ? 0 : sizeOf(kind, data);
        }
    }

    public sealed interface Op permits Add, Update, Delete {
        String elementId();
    }

    public record Add(String elementId, String kind, JsonNode data) implements Op {
    }

    /** Replaces the element's data (its kind stays); the newest write wins. */
    public record Update(String elementId, JsonNode data) implements Op {
    }

    public record Delete(String elementId) implements Op {
    }

    public enum Reason {
        EXISTS, MISSING, DELETED, ELEMENT_TOO_LARGE, BOARD_FULL
    }

    public sealed interface Outcome permits Applied, Rejected {
        Op op();
    }

    /** The op took effect; {@code element} is the element as it now is (a tombstone after a delete). */
    public record Applied(Op op, Element element) implements Outcome {
    }

    public record Rejected(Op op, Reason reason) implements Outcome {
    }

    private final Map<String, Element> elements;

    private final Limits limits;

    private int liveCount;

    private long liveBytes;

    private Whiteboard(Collection<Element> known, int liveCount, long liveBytes, Limits limits) {
        this.elements = new LinkedHashMap<>();
        known.forEach(element -> this.elements.put(element.elementId(), element));
        this.liveCount = liveCount;
        this.liveBytes = liveBytes;
        this.limits = limits;
    }

    /** The whole board. */
    public static Whiteboard of(Collection<Element> elements, Limits limits) {
        int count = 0;
        long bytes = 0;
        for (Element element : elements) {
            if (!element.deleted()) {
                count++;
                bytes += element.bytes();
            }
        }
        return new Whiteboard(elements, count, bytes, limits);
    }

    /** Only some elements (those a batch touches; absent ones do not exist), with the whole board's totals. */
    public static Whiteboard partial(Collection<Element> known, int liveCount, long liveBytes, Limits limits) {
        return new Whiteboard(known, liveCount, liveBytes, limits);
    }

    public Outcome apply(Op op, UUID by, Instant at) {
        Element current = elements.get(op.elementId());
        return switch (op) {
            case Add add -> {
                if (current != null) {
                    yield new Rejected(op, current.deleted() ? Reason.DELETED : Reason.EXISTS);
                }
                yield place(op, new Element(add.elementId(), add.kind(), add.data(), 1, false, by, at), null);
            }
            case Update update -> {
                if (current == null) {
                    yield new Rejected(op, Reason.MISSING);
                }
                if (current.deleted()) {
                    yield new Rejected(op, Reason.DELETED);
                }
                yield place(op, new Element(current.elementId(), current.kind(), update.data(), current.version() + 1, false,
                        by, at), current);
            }
            case Delete delete -> {
                if (current == null) {
                    yield new Rejected(op, Reason.MISSING);
                }
                if (current.deleted()) {
                    yield new Rejected(op, Reason.DELETED);
                }
                Element tombstone = new Element(current.elementId(), current.kind(), current.data(), current.version() + 1,
                        true, by, at);
                elements.put(tombstone.elementId(), tombstone);
                liveCount--;
                liveBytes -= current.bytes();
                yield new Applied(op, tombstone);
            }
        };
    }

    private Outcome place(Op op, Element next, @Nullable Element previous) {
        int size = next.bytes();
        if (size > limits.maxElementBytes()) {
            return new Rejected(op, Reason.ELEMENT_TOO_LARGE);
        }
        int countAfter = liveCount + (previous == null ? 1 : 0);
        long bytesAfter = liveBytes + size - (previous == null ? 0 : previous.bytes());
        if ((previous == null && countAfter > limits.maxElements())
                || (bytesAfter > liveBytes && bytesAfter > limits.maxBoardBytes())) {
            return new Rejected(op, Reason.BOARD_FULL);
        }
        elements.put(next.elementId(), next);
        liveCount = countAfter;
        liveBytes = bytesAfter;
        return new Applied(op, next);
    }

    public Optional<Element> element(String elementId) {
        return Optional.ofNullable(elements.get(elementId));
    }

    public Collection<Element> elements() {
        return elements.values();
    }

    public int liveCount() {
        return liveCount;
    }

    public long liveBytes() {
        return liveBytes;
    }

    /** The size an element's content takes: its kind and its data as compact JSON, in UTF-8 bytes. */
    public static int sizeOf(String kind, JsonNode data) {
        return kind.length() + data.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
