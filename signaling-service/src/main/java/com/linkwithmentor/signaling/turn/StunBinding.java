package com.linkwithmentor.signaling.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/**
 * The smallest STUN exchange (RFC 8489 Binding request over UDP): proof that a STUN/TURN server
 * answers on its port, without any credential.
 */
final class StunBinding {

    private static final int MAGIC_COOKIE = 0x2112A442;

    private static final SecureRandom RANDOM = new SecureRandom();

    private StunBinding() {
    }

    /** Sends one Binding request; returns normally when a Binding success response with our transaction id came back. */
    static void check(InetSocketAddress server, Duration timeout) throws IOException {
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        ByteBuffer request = ByteBuffer.allocate(20);
        request.putShort((short) 0x0001).putShort((short) 0).putInt(MAGIC_COOKIE).put(transaction);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.send(new DatagramPacket(request.array(), 20, server));
            byte[] buffer = new byte[1500];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(response);
                }
                catch (SocketTimeoutException ex) {
                    break;
                }
                ByteBuffer in = ByteBuffer.wrap(buffer, 0, response.getLength());
                if (response.getLength() >= 20 && in.getShort(0) == (short) 0x0101 && in.getInt(4) == MAGIC_COOKIE
                        && Arrays.equals(Arrays.copyOfRange(buffer, 8, 20), transaction)) {
                    return;
                }
            }
        }
        throw new IOException("No STUN binding response from " + server + " within " + timeout.toMillis() + " ms");
    }
}
