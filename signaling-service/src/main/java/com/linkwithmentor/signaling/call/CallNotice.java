package com.linkwithmentor.signaling.call;

import java.util.UUID;

/**
 * What the sockets must be told about a change they did not make themselves (a REST hang-up, a
 * ring timeout, a grace window running out), published in the change's transaction and acted on
 * after it commits.
 */
public sealed interface CallNotice {

    /** A new call: its callees' sockets show it. */
    record Ringing(Call call) implements CallNotice {
    }

    /** The call ended: every participant's sockets hear it and leave it. */
    record Ended(Call call) implements CallNotice {
    }

    /** A participant is gone for good (their grace window ran out, or they left). */
    record PeerGone(UUID callId, UUID userId, String reason) implements CallNotice {
    }
}
