package com.linkwithmentor.realtime;

/**
 * The close codes every socket of the fleet uses, so a client can tell whether and how to
 * reconnect. Services add their own in the 4000-4999 range (chat: 4003 suspended, 4004 muted);
 * the layer never closes with 1011 or 4500 for anything a client sent.
 *
 * <table>
 * <tr><th>code</th><th>meaning</th><th>client should</th></tr>
 * <tr><td>1000</td><td>normal close</td><td>—</td></tr>
 * <tr><td>1002</td><td>broken WebSocket framing (a stray continuation, an unmasked frame): the RFC's
 * answer, given by Netty's decoder</td><td>fix the client</td></tr>
 * <tr><td>1008</td><td>refused by the service after the upgrade (its message says why)</td><td>not
 * until that changes</td></tr>
 * <tr><td>1009</td><td>a message over the size limit</td><td>reconnect, send smaller frames</td></tr>
 * <tr><td>1012</td><td>this instance is restarting or draining</td><td>reconnect at once (lands on
 * another instance), then resume</td></tr>
 * <tr><td>1013</td><td>the service could not set the connection up (e.g. its database is
 * away)</td><td>retry after a short, random delay</td></tr>
 * <tr><td>4000</td><td>idle: nothing received for the idle timeout</td><td>reconnect when needed; send
 * heartbeats</td></tr>
 * <tr><td>4001</td><td>the access token expired</td><td>reconnect with a fresh token, then resume</td></tr>
 * <tr><td>4008</td><td>too slow: its outbound queue overflowed</td><td>reconnect, then resume</td></tr>
 * </table>
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;

    public static final int POLICY = 1008;

    public static final int TOO_BIG = 1009;

    public static final int SERVICE_RESTART = 1012;

    public static final int TRY_AGAIN_LATER = 1013;

    public static final int IDLE = 4000;

    public static final int TOKEN_EXPIRED = 4001;

    public static final int TOO_SLOW = 4008;

    /** The peer went away without a close frame (never sent, only reported to {@code closed}). */
    public static final int ABNORMAL = 1006;

    private CloseCodes() {
    }
}
