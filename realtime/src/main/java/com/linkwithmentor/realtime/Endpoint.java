package com.linkwithmentor.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linkwithmentor.common.error.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * A {@link SocketEndpoint} as the server drives it: its frames read by the {@link FrameReader},
 * its exceptions turned into {@code error} frames, its {@code ping} answered by the layer when its
 * own frames have none.
 */
final class Endpoint<F, S> {

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    /** What an id echoed back in an error frame may look like. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final SocketEndpoint<F, S> delegate;

    private final FrameReader reader;

    private final FrameErrors errors;

    private final Set<String> types;

    private final boolean layerPing;

    private final List<String> references;

    Endpoint(SocketEndpoint<F, S> delegate, FrameReader reader, FrameErrors errors) {
        this.delegate = delegate;
        this.reader = reader;
        this.errors = errors;
        this.types = FrameReader.typeNames(delegate.frameType());
        this.layerPing = !types.contains("ping");
        this.references = List.copyOf(delegate.references());
    }

    String path() {
        return delegate.path();
    }

    void admit(Handshake handshake) {
        delegate.admit(handshake);
    }

    S open(Connection connection) {
        return delegate.open(connection);
    }

    @SuppressWarnings("unchecked")
    void closed(Connection connection, @Nullable Object session, int code) {
        delegate.closed((S) session, connection, code);
    }

    /** Reads, validates and hands one frame to the endpoint; whatever goes wrong becomes an error frame. */
    @SuppressWarnings("unchecked")
    void handle(Connection connection, @Nullable Object session, byte[] payload) {
        JsonNode tree = null;
        FrameReader.Read<F> read;
        try {
            tree = reader.tree(payload);
            read = reader.bind(tree, delegate.frameType(), types, layerPing);
        }
        catch (FrameRefused refused) {
            connection.send(errors.error(refused.code(), refused.getMessage(), refused.details(), refused.inReplyTo(),
                    refused.inReplyTo() != null && tree != null ? references(tree) : Map.of()));
            return;
        }
        F frame = read.frame();
        if (frame == null) {
            connection.send(errors.pong());
            return;
        }
        try {
            delegate.receive((S) session, connection, frame);
        }
        catch (ApiException ex) {
            connection.send(errors.error(ex.code().name().toLowerCase(Locale.ROOT), ex.getMessage(), ex.details(),
                    read.type(), references(read.tree())));
        }
        catch (RuntimeException ex) {
            log.error("Handling a '{}' frame of user {} on {} failed", read.type(), connection.userId(), path(), ex);
            connection.send(errors.error("internal_error", "Something went wrong on our side; try again", null,
                    read.type(), references(read.tree())));
        }
    }

    private Map<String, String> references(JsonNode tree) {
        if (references.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String field : references) {
            JsonNode value = tree.get(field);
            if (value != null && value.isString() && REFERENCE.matcher(value.asString()).matches()) {
                found.put(field, value.asString());
            }
        }
        return found;
    }
}
