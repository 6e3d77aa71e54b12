package com.linkwithmentor.signaling;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small TURN client (RFC 8656 over UDP) for proving what a credential is worth: a real Allocate
 * with the long-term credential mechanism (unauthenticated first, then again with USERNAME, REALM,
 * NONCE and MESSAGE-INTEGRITY), and a Binding request to see the server answer at all.
 */
final class TurnClient {

    private static final int COOKIE = 0x2112A442;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How an allocation attempt ended: allocated, or the error code the server answered (401 unauthorized...). */
    record Outcome(boolean allocated, int errorCode) {

        static Outcome refused(int code) {
            return new Outcome(false, code);
        }
    }

    private TurnClient() {
    }

    static boolean binding(int port, Duration timeout) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] tx = transaction();
            send(socket, port, message(0x0001, tx, new byte[0]));
            ByteBuffer reply = receive(socket, tx);
            return reply != null && reply.getShort(0) == 0x0101;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Tries to allocate a UDP relay with this credential; releases it again if it was granted. */
    static Outcome allocate(int port, String username, String password, String realm) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            byte[] transport = attribute(0x0019, new byte[] { 17, 0, 0, 0 });
            byte[] tx = transaction();
            send(socket, port, message(0x0003, tx, transport));
            ByteBuffer challenge = receive(socket, tx);
            if (challenge == null) {
                throw new IOException("No answer to the unauthenticated Allocate");
            }
            if (challenge.getShort(0) == 0x0103) {
                return new Outcome(true, 0); // no authentication asked: not what a TURN server here does
            }
            byte[] nonce = find(challenge, 0x0015);
            byte[] serverRealm = find(challenge, 0x0014);
            if (nonce == null || serverRealm == null) {
                return Outcome.refused(errorCode(challenge));
            }
            byte[] key = md5(username + ":" + realm + ":" + password);
            byte[] attributes = concat(transport, attribute(0x0006, username.getBytes(StandardCharsets.UTF_8)),
                    attribute(0x0014, serverRealm), attribute(0x0015, nonce));
            byte[] tx2 = transaction();
            send(socket, port, withIntegrity(0x0003, tx2, attributes, key));
            ByteBuffer answer = receive(socket, tx2);
            if (answer == null) {
                throw new IOException("No answer to the authenticated Allocate");
            }
            if (answer.getShort(0) == 0x0103) {
                // Release it: Refresh with LIFETIME 0.
                byte[] refresh = concat(attribute(0x000D, new byte[] { 0, 0, 0, 0 }),
                        attribute(0x0006, username.getBytes(StandardCharsets.UTF_8)), attribute(0x0014, serverRealm),
                        attribute(0x0015, nonce));
                send(socket, port, withIntegrity(0x0004, transaction(), refresh, key));
                return new Outcome(true, 0);
            }
            return Outcome.refused(errorCode(answer));
        }
    }

    private static byte[] withIntegrity(int type, byte[] tx, byte[] attributes, byte[] key) {
        byte[] unsigned = message(type, tx, attributes);
        // The length counts the MESSAGE-INTEGRITY attribute (24 bytes) that follows.
        ByteBuffer.wrap(unsigned).putShort(2, (short) (attributes.length + 24));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] integrity = attribute(0x0008, mac.doFinal(unsigned));
            return concat(unsigned, integrity);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] message(int type, byte[] tx, byte[] attributes) {
        ByteBuffer buffer = ByteBuffer.allocate(20 + attributes.length);
        buffer.putShort((short) type).putShort((short) attributes.length).putInt(COOKIE).put(tx).put(attributes);
        return buffer.array();
    }

    private static byte[] attribute(int type, byte[] value) {
        int padded = (value.length + 3) & ~3;
        ByteBuffer buffer = ByteBuffer.allocate(4 + padded);
        buffer.putShort((short) type).putShort((short) value.length).put(value);
        return buffer.array();
    }

    private static byte[] find(ByteBuffer message, int type) {
        int length = message.getShort(2) & 0xFFFF;
        int at = 20;
        while (at + 4 <= 20 + length && at + 4 <= message.limit()) {
            int attrType = message.getShort(at) & 0xFFFF;
            int attrLength = message.getShort(at + 2) & 0xFFFF;
            if (attrType == type) {
                byte[] value = new byte[attrLength];
                message.get(at + 4, value);
                return value;
            }
            at += 4 + ((attrLength + 3) & ~3);
        }
        return null;
    }

    private static int errorCode(ByteBuffer message) {
        byte[] error = find(message, 0x0009);
        return error == null || error.length < 4 ? -1 : (error[2] & 0x7) * 100 + (error[3] & 0xFF);
    }

    private static void send(DatagramSocket socket, int port, byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, new InetSocketAddress("127.0.0.1", port)));
    }

    private static ByteBuffer receive(DatagramSocket socket, byte[] tx) throws IOException {
        byte[] buffer = new byte[2048];
        for (int i = 0; i < 5; i++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            }
            catch (SocketTimeoutException ex) {
                return null;
            }
            if (packet.getLength() >= 20 && Arrays.equals(Arrays.copyOfRange(buffer, 8, 20), tx)) {
                return ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength()));
            }
        }
        return null;
    }

    private static byte[] transaction() {
        byte[] tx = new byte[12];
        RANDOM.nextBytes(tx);
        return tx;
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
