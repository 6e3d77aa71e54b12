package com.linkwithmentor.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client that completes a real handshake and then stops reading, with a tiny receive
 * buffer, as a client on a stalled network does. Written on a plain socket because a WebSocket
 * library keeps reading into its own buffers.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    static StalledClient connect(int port, String token) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            String request = "GET /ws/chat?access_token=" + token + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readHeaders(socket.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("Handshake refused: " + status);
            }
            return new StalledClient(socket);
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

    /**
     * Starts reading at last and drains everything the server still had for us; returns true when
     * the server ended the connection (end of stream) within the time.
     */
    boolean drainUntilClosed(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
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
            // A reset is the server giving up on us too.
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
