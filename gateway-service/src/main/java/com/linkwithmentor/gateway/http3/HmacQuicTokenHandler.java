package com.linkwithmentor.gateway.http3;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;

/**
 * QUIC address-validation (Retry) tokens that a client cannot forge: an HMAC-SHA256 over the
 * client's address, an issue time and the original connection id, with a random per-process key.
 * A token is good for ten seconds and only from the address it was issued to, which is what stops
 * a spoofed-source flood from making the server do handshake work. Layout:
 * {@code mac(32) | issuedAtMillis(8) | original DCID}.
 */
final class HmacQuicTokenHandler implements QuicTokenHandler {

    private static final int MAC_LENGTH = 32;

    private static final int HEADER = MAC_LENGTH + Long.BYTES;

    private static final long VALID_MILLIS = 10_000;

    private static final int MAX_CID_LENGTH = 20;

    private final SecretKeySpec key;

    HmacQuicTokenHandler() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        long now = System.currentTimeMillis();
        byte[] cid = bytes(dcid, dcid.readerIndex(), dcid.readableBytes());
        out.writeBytes(mac(address, now, cid)).writeLong(now).writeBytes(cid);
        return true;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        int start = token.readerIndex();
        int length = token.readableBytes();
        if (length < HEADER || length > HEADER + MAX_CID_LENGTH) {
            return -1;
        }
        byte[] presented = bytes(token, start, MAC_LENGTH);
        long issuedAt = token.getLong(start + MAC_LENGTH);
        long age = System.currentTimeMillis() - issuedAt;
        if (age < 0 || age > VALID_MILLIS) {
            return -1;
        }
        byte[] cid = bytes(token, start + HEADER, length - HEADER);
        return MessageDigest.isEqual(presented, mac(address, issuedAt, cid)) ? HEADER : -1;
    }

    @Override
    public int maxTokenLength() {
        return HEADER + MAX_CID_LENGTH;
    }

    private byte[] mac(InetSocketAddress address, long issuedAt, byte[] cid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(address.getAddress().getAddress());
            mac.update((byte) (address.getPort() >> 8));
            mac.update((byte) address.getPort());
            for (int shift = 56; shift >= 0; shift -= 8) {
                mac.update((byte) (issuedAt >> shift));
            }
            return mac.doFinal(cid);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] bytes(ByteBuf buf, int index, int length) {
        byte[] bytes = new byte[length];
        buf.getBytes(index, bytes);
        return bytes;
    }
}
