package com.linkwithmentor.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client written on a plain socket, for what a well-behaved library will not do:
 * frames with invalid UTF-8, binary frames, fragments, oversized frames, and a client that
 * completes the handshake and then stops reading (with a tiny receive buffer, as on a stalled
 * network). Frames it sends are masked, as RFC 6455 requires of clients.
 */
public final class RawSocket implements AutoCloseable {

    public static final int TEXT = 0x1;

    public static final int BINARY = 0x2;

    public static final int CONTINUATION = 0x0;

    public static final int CLOSE = 0x8;

    public static final int PING = 0x9;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;

    private final DataInputStream in;

    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A frame the server sent: its opcode and payload (for a close frame, the code is in the first two bytes). */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or -1. */
        public int closeCode() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    /** Opens and upgrades; {@code receiveBuffer} > 0 shrinks the socket's receive buffer first. */
    public static RawSocket open(int port, String pathAndQuery, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = readHeaders(socket.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new IllegalStateException("Handshake refused: " + status);
            }
            return new RawSocket(socket);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            headers.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return headers.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }

    public void sendText(String text) {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one frame: opcode, whether it is the last fragment, payload (masked on the wire). */
    public void send(int opcode, boolean fin, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            }
            else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            }
            else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next frame the server sends, or null when the connection ended or nothing came in time. */
    public @Nullable Frame read(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        }
        catch (SocketTimeoutException | EOFException ex) {
            return null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    /** Reads until a text frame whose payload contains {@code fragment} arrives; null if none in time. */
    public @Nullable Frame readText(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame == null) {
                return null;
            }
            if (frame.opcode() == TEXT && frame.text().contains(fragment)) {
                return frame;
            }
        }
        return null;
    }

    /**
     * Starts reading at last and drains everything the server still had for us; returns true when
     * the server ended the connection (end of stream or reset) within the time.
     */
    public boolean drainUntilClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (in.read(buffer) < 0) {
                        return true;
                    }
                }
                catch (SocketTimeoutException ex) {
                    return false;
                }
            }
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already gone
        }
    }
}
