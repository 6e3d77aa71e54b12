package com.linkwithmentor.common.events;

/** The durable event streams, one per producing service. */
public final class Streams {

    public static final String USERS = "events.users";

    public static final String MEETINGS = "events.meetings";

    public static final String PAYMENTS = "events.payments";

    public static final String MODERATION = "events.moderation";

    public static final String CHAT = "events.chat";

    public static final String LECTURES = "events.lectures";

    public static final String SIGNALING = "events.signaling";

    /** Field of each stream entry that holds the envelope JSON. */
    static final String ENVELOPE_FIELD = "envelope";

    /** Where entries go that failed too often to be handled; kept for an operator to inspect. */
    static String deadLetter(String stream) {
        return stream + ".dead";
    }

    private Streams() {
    }
}
