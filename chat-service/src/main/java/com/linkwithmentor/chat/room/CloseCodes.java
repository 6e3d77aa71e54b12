package com.linkwithmentor.chat.room;

/**
 * WebSocket close codes chat uses (4000-4999 is the application range), so a client knows whether
 * reconnecting makes sense: after 4001 with a fresh token, after 4008 once it reads faster, after
 * 4003 or 4004 not until the restriction is lifted (a muted user may reconnect to read).
 */
public final class CloseCodes {

    public static final int TOKEN_EXPIRED = 4001;

    public static final int SUSPENDED = 4003;

    public static final int MUTED = 4004;

    public static final int TOO_SLOW = 4008;

    private CloseCodes() {
    }
}
