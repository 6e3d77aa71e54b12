package com.linkwithmentor.realtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.CoreSubscriber;
import reactor.netty.http.websocket.WebsocketOutbound;

import com.linkwithmentor.common.security.CurrentUser;

/**
 * One open socket: who it belongs to, and the two queues that keep it from hurting anyone else.
 *
 * <p><b>Out.</b> Frames are written to the Netty channel from any thread without blocking; Netty
 * keeps what the client has not read yet. When that passes {@code outbound-max-bytes} the client
 * is too slow: the socket is cut at once (4008 when it can still be told), and it reconnects and
 * resumes from the service's record. Until {@link #ready} every frame is held back, so the first
 * frame a client sees is always its {@code ready}.
 *
 * <p><b>In.</b> Frames are read on the event loop, checked against the connection's and the
 * user's frame budgets there, and handed to a virtual thread that handles them one at a time, in
 * order, so a handler may block on the database. At most {@code inbound-queue} wait; then the
 * socket is not read until the handler catches up.
 */
public final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private static final int OPENING = 0;

    private static final int OPEN = 1;

    private static final int CLOSING = 2;

    private static final int CLOSED = 3;

    private static final AtomicIntegerFieldUpdater<Connection> STATE = AtomicIntegerFieldUpdater
        .newUpdater(Connection.class, "state");

    private static final AtomicIntegerFieldUpdater<Connection> WORKING = AtomicIntegerFieldUpdater
        .newUpdater(Connection.class, "working");

    /** Marks in the inbox besides frames. */
    private static final Object OPEN_TASK = new Object();

    private static final Object CLOSED_TASK = new Object();

    private final String id;

    private final Handshake handshake;

    private final Endpoint<?, ?> endpoint;

    private final Channel channel;

    private final WebsocketOutbound outbound;

    private final RealtimeServer server;

    private final LocalBucket frames;

    private final LocalBucket userFrames;

    private volatile int state = OPENING;

    private volatile int working;

    /** Frames sent before {@code ready}, guarded by this. */
    private @Nullable List<byte[]> held = new ArrayList<>(4);

    private int heldBytes;

    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();

    private volatile @Nullable Object session;

    private boolean opened;

    private volatile long lastReceivedNanos = System.nanoTime();

    private volatile int closeCode = CloseCodes.ABNORMAL;

    // Event-loop only: the inbound subscription, the fragments of a message being received, and
    // when this client was last told it is rate limited.
    private @Nullable Subscription subscription;

    private byte @Nullable [] partial;

    private boolean partialIsText;

    private long rateLimitedToldAt;

    Connection(String id, Handshake handshake, Endpoint<?, ?> endpoint, Channel channel, WebsocketOutbound outbound,
            RealtimeServer server, LocalBucket userFrames) {
        this.id = id;
        this.handshake = handshake;
        this.endpoint = endpoint;
        this.channel = channel;
        this.outbound = outbound;
        this.server = server;
        this.frames = new LocalBucket(server.properties().frameBurst(), server.properties().framesPerSecond());
        this.userFrames = userFrames;
    }

    // ---- who --------------------------------------------------------------------------------------

    /** Unique across instances (the instance's id and a counter), e.g. for presence entries. */
    public String id() {
        return id;
    }

    public CurrentUser user() {
        return handshake.user();
    }

    public UUID userId() {
        return handshake.user().id();
    }

    public String accessToken() {
        return handshake.accessToken();
    }

    public Handshake handshake() {
        return handshake;
    }

    /** The endpoint's path, e.g. {@code /ws/chat}. */
    public String path() {
        return endpoint.path();
    }

    /** The endpoint's state for this connection (what its {@code open} returned), once open. */
    public <S> @Nullable S session(Class<S> type) {
        Object current = session;
        return type.isInstance(current) ? type.cast(current) : null;
    }

    /**
     * Makes the endpoint's state for this connection visible to {@link #session} lookups before
     * {@code open} returns (e.g. so an event for this user that arrives while it opens finds it).
     */
    public void attach(Object endpointSession) {
        this.session = endpointSession;
    }

    public boolean isOpen() {
        return state <= OPEN;
    }

    // ---- writing ----------------------------------------------------------------------------------

    /** Sends a frame as JSON (the service's mapper: snake_case, ISO instants). Never blocks. */
    public void send(Object frame) {
        byte[] bytes;
        try {
            bytes = frame instanceof EncodedFrame encoded ? encoded.bytes() : server.json().writeValueAsBytes(frame);
        }
        catch (RuntimeException ex) {
            log.warn("A {} frame for connection {} could not be written as JSON; dropped", frame.getClass().getSimpleName(),
                    id, ex);
            return;
        }
        write(bytes);
    }

    /** Sends text that already is one JSON frame (e.g. a room message, serialised once for all). */
    public void sendText(String json) {
        write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a frame encoded once and shared by many connections. */
    public void send(EncodedFrame frame) {
        write(frame.bytes());
    }

    /** Sends an {@code error} frame with the protocol's error code (e.g. {@code forbidden}) and a message. */
    public void sendError(String code, String message) {
        send(server.errors().error(code, message, null, null, java.util.Map.of()));
    }

    /**
     * Sends the first frame and then whatever was sent meanwhile, in order; from now on frames go
     * straight out. Call it once, at the end of {@link SocketEndpoint#open}.
     */
    public void ready(Object readyFrame) {
        byte[] bytes = server.json().writeValueAsBytes(readyFrame);
        release(bytes);
    }

    private void release(byte @Nullable [] first) {
        List<byte[]> waiting;
        synchronized (this) {
            if (state != OPENING) {
                return;
            }
            waiting = held;
            held = null;
            if (first != null) {
                enqueue(first);
            }
            if (waiting != null) {
                for (byte[] frame : waiting) {
                    enqueue(frame);
                }
            }
            STATE.compareAndSet(this, OPENING, OPEN);
        }
    }

    private void write(byte[] bytes) {
        int current = state;
        if (current == OPENING) {
            synchronized (this) {
                if (state == OPENING) {
                    hold(bytes);
                    return;
                }
            }
            current = state;
        }
        if (current == OPEN) {
            enqueue(bytes);
        }
    }

    private void hold(byte[] bytes) {
        heldBytes += bytes.length;
        if (heldBytes > server.properties().outboundMaxBytes().toBytes()) {
            held = null;
            tooSlow();
            return;
        }
        List<byte[]> list = held;
        if (list != null) {
            list.add(bytes);
        }
    }

    /** Hands the frame to Netty; cuts the client off when what it has not read outgrows the bound. */
    private void enqueue(byte[] bytes) {
        if (!channel.isWritable()) {
            tooSlow();
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)), channel.voidPromise());
    }

    private void tooSlow() {
        if (STATE.getAndSet(this, CLOSING) >= CLOSING) {
            return;
        }
        closeCode = CloseCodes.TOO_SLOW;
        server.slowClientDropped();
        log.info("Connection {} of user {} reads too slowly; disconnecting it", id, userId());
        // Whatever is still queued would only delay the close; the client resumes from the record.
        channel.writeAndFlush(new CloseWebSocketFrame(CloseCodes.TOO_SLOW, "Too slow to keep up; reconnect and resume"));
        channel.close();
    }

    /**
     * Closes after the frames already sent have been written: a close frame with the code and
     * reason (at most 100 characters), then the TCP connection. A client that does not read is cut
     * after {@code close-timeout}.
     */
    public void close(int code, String reason) {
        int previous;
        do {
            previous = state;
            if (previous >= CLOSING) {
                return;
            }
        }
        while (!STATE.compareAndSet(this, previous, CLOSING));
        closeCode = code;
        outbound.sendClose(code, truncate(reason)).subscribe(null, error -> channel.close());
        server.executors().timer().schedule(() -> {
            if (channel.isActive()) {
                channel.close();
            }
        }, server.properties().closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String truncate(String reason) {
        // A close frame carries at most 123 bytes of reason.
        String shortened = reason.length() > 100 ? reason.substring(0, 100) : reason;
        while (shortened.getBytes(StandardCharsets.UTF_8).length > 120) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened;
    }

    // ---- lifecycle, driven by the server ------------------------------------------------------------

    void start() {
        submit(OPEN_TASK);
    }

    /** The channel is closed, whoever closed it. */
    void channelClosed() {
        if (STATE.getAndSet(this, CLOSED) == CLOSED) {
            return;
        }
        synchronized (this) {
            held = null;
        }
        server.unregister(this);
        submit(CLOSED_TASK);
    }

    /** The client's close frame, if it sent one first. */
    void peerClosed(int code) {
        if (state < CLOSING) {
            closeCode = code;
        }
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    // ---- reading: on the event loop ---------------------------------------------------------------

    /** Subscribes to the socket's frames with a bounded demand. */
    CoreSubscriber<WebSocketFrame> inbound() {
        return new CoreSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(server.properties().inboundQueue());
            }

            @Override
            public void onNext(WebSocketFrame frame) {
                received(frame);
            }

            @Override
            public void onError(Throwable error) {
                log.debug("Connection {} failed: {}", id, error.toString());
            }

            @Override
            public void onComplete() {
            }
        };
    }

    private void received(WebSocketFrame frame) {
        lastReceivedNanos = System.nanoTime();
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            partial = null;
            partialIsText = frame instanceof TextWebSocketFrame;
            if (!frame.isFinalFragment()) {
                partial = bytes(frame, null);
                more(1);
                return;
            }
            message(partialIsText, bytes(frame, null));
        }
        else if (frame instanceof ContinuationWebSocketFrame && partial != null) {
            byte[] joined = bytes(frame, partial);
            if (joined == null) {
                return;
            }
            if (frame.isFinalFragment()) {
                partial = null;
                message(partialIsText, joined);
            }
            else {
                partial = joined;
                more(1);
            }
        }
        else {
            // Pings are answered by Netty; pongs and stray continuations carry nothing for us.
            more(1);
        }
    }

    /** The frame's payload appended to what came before, or null (and the socket closed) when too big. */
    private byte @Nullable [] bytes(WebSocketFrame frame, byte @Nullable [] before) {
        int length = frame.content().readableBytes();
        int already = before != null ? before.length : 0;
        if (already + length > server.properties().maxFrameBytes().toBytes()) {
            partial = null;
            closeCode = CloseCodes.TOO_BIG;
            close(CloseCodes.TOO_BIG, "Message too big: the limit is " + server.properties().maxFrameBytes().toBytes()
                    + " bytes");
            return null;
        }
        byte[] joined = new byte[already + length];
        if (before != null) {
            System.arraycopy(before, 0, joined, 0, already);
        }
        frame.content().getBytes(frame.content().readerIndex(), joined, already, length);
        return joined;
    }

    private void message(boolean text, byte @Nullable [] payload) {
        if (payload == null || state >= CLOSING) {
            return;
        }
        if (!frames.take() || !userFrames.take()) {
            long now = System.nanoTime();
            if (now - rateLimitedToldAt > 1_000_000_000L) {
                rateLimitedToldAt = now;
                send(server.errors().rateLimited(Math.max(frames.retryAfterMillis(), userFrames.retryAfterMillis())));
            }
            more(1);
            return;
        }
        if (!text) {
            send(server.errors().badFrame("Frames must be text frames holding one JSON object; binary frames are not read"));
            more(1);
            return;
        }
        submit(payload);
    }

    /** Lets one more frame in; safe from any thread. */
    private void more(int count) {
        Subscription s = subscription;
        if (s != null) {
            s.request(count);
        }
    }

    // ---- handling: one virtual thread at a time ----------------------------------------------------

    private void submit(Object task) {
        inbox.add(task);
        if (WORKING.compareAndSet(this, 0, 1)) {
            server.executors().virtual().execute(this::work);
        }
    }

    private void work() {
        while (true) {
            Object task;
            while ((task = inbox.poll()) != null) {
                run(task);
            }
            working = 0;
            if (inbox.isEmpty() || !WORKING.compareAndSet(this, 0, 1)) {
                return;
            }
        }
    }

    private void run(Object task) {
        if (task == OPEN_TASK) {
            open();
        }
        else if (task == CLOSED_TASK) {
            closed();
        }
        else {
            try {
                if (opened && state <= OPEN) {
                    endpoint.handle(this, session, (byte[]) task);
                }
            }
            finally {
                more(1);
            }
        }
    }

    private void open() {
        if (state >= CLOSING) {
            return;
        }
        try {
            session = endpoint.open(this);
            opened = true;
        }
        catch (com.linkwithmentor.common.error.ApiException ex) {
            close(CloseCodes.POLICY, ex.getMessage());
            return;
        }
        catch (RuntimeException ex) {
            log.error("Opening connection {} of user {} on {} failed", id, userId(), endpoint.path(), ex);
            close(CloseCodes.TRY_AGAIN_LATER, "Could not open the connection; try again");
            return;
        }
        // An endpoint that sent no ready frame still releases what it sent.
        release(null);
    }

    private void closed() {
        if (!opened) {
            return;
        }
        try {
            endpoint.closed(this, session, closeCode);
        }
        catch (RuntimeException ex) {
            log.warn("Closing connection {} on {} failed", id, endpoint.path(), ex);
        }
    }

    @Override
    public String toString() {
        return "Connection " + id + " of " + userId() + " on " + endpoint.path();
    }
}
