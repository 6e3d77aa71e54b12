package com.linkwithmentor.chat.moderation;

import java.util.Locale;

/**
 * Where a message stands with moderation: approved or flagged (both delivered; flagged is shown
 * marked), pending (delivered while moderation was unreachable, checked again later), blocked
 * (never shown to anyone but its sender).
 */
public enum ModerationStatus {

    APPROVED, FLAGGED, PENDING, BLOCKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModerationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
