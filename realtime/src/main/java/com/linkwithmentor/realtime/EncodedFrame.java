package com.linkwithmentor.realtime;

import java.nio.charset.StandardCharsets;

/**
 * One JSON frame encoded to UTF-8 once, for sending to many connections (a room broadcast)
 * without encoding it again for each.
 */
public final class EncodedFrame {

    private final byte[] bytes;

    private EncodedFrame(byte[] bytes) {
        this.bytes = bytes;
    }

    public static EncodedFrame of(String json) {
        return new EncodedFrame(json.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }
}
