package com.linkwithmentor.realtime;

import java.util.List;

import com.linkwithmentor.common.error.ApiException;

/**
 * One WebSocket path a service serves on the shared socket server, declared as a bean. The layer
 * does everything around it (see the package comment); the endpoint keeps only its own protocol:
 * what a connection follows, what each frame does, and what must happen when it closes.
 *
 * <p>Call order for one connection, each on a virtual thread, one at a time and in order:
 * {@link #admit} (before the upgrade; throw to refuse), then {@link #open} (subscribe, read the
 * state, then {@link Connection#ready}), then {@link #receive} for each frame, then
 * {@link #closed} once. Frames the client sent before {@code open} returned wait for it, and
 * nothing sent to the connection reaches the client before its {@code ready}.
 *
 * @param <F> the client frames: a sealed interface whose records are named by Jackson's type id,
 *        {@code @JsonTypeInfo(use = NAME, property = "type")} with {@code @JsonSubTypes}; an unknown
 *        or missing {@code type} is answered with {@code bad_frame} and never echoed
 * @param <S> the endpoint's own per-connection state, made by {@link #open}
 */
public interface SocketEndpoint<F, S> {

    /** The request path, e.g. {@code /ws/chat}. */
    String path();

    /** The sealed interface of client frames. */
    Class<F> frameType();

    /**
     * Decides before the upgrade whether this user may open the socket (e.g. not suspended, a
     * participant of the session named in the query). Throw an {@link ApiException}: the handshake
     * is answered with its status and an ApiError body. Must not keep anything: the upgrade may
     * still fail.
     */
    default void admit(Handshake handshake) {
    }

    /**
     * The socket is open: subscribe to what it follows, read where things stand, then call
     * {@link Connection#ready} with the first frame. Returns the per-connection state. If it throws,
     * the socket is closed (1011 is never used: an {@link ApiException} closes with 1008 and its
     * message, anything else with 1012, so the client retries elsewhere).
     */
    S open(Connection connection);

    /**
     * One frame, parsed and validated. Throw an {@link ApiException} to answer it with an
     * {@code error} frame (its code in snake case, message and details); the connection stays open.
     */
    void receive(S session, Connection connection, F frame);

    /** The socket closed (any reason, exactly once); {@code code} is the close code or 1006. */
    default void closed(S session, Connection connection, int code) {
    }

    /**
     * Fields of a client frame worth echoing in an {@code error} frame so the client can match it to
     * its request (e.g. {@code client_msg_id}). Echoed only when they look like ids (letters,
     * digits, {@code ._:-}, at most 100), never raw input otherwise.
     */
    default List<String> references() {
        return List.of();
    }
}
