package com.linkwithmentor.signaling;

import java.util.Map;
import java.util.UUID;

import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/** A signaling socket as tests use it: join calls, send signals, and a well-formed offer and candidate. */
final class SignalClient extends SocketClient {

    /** A small but real session description (Chrome's shape, one audio section). */
    static final String SDP = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS stream-1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Fx7k",
            "a=ice-pwd:8sJ0KlbbRtNWdTUX3mLcDmJd",
            "a=fingerprint:sha-256 12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendrecv",
            "a=rtpmap:111 opus/48000/2",
            "") ;

    static final Map<String, Object> CANDIDATE = Map.of(
            "candidate", "candidate:842163049 1 udp 2122260223 127.0.0.1 52711 typ host generation 0 ufrag Fx7k network-id 1",
            "sdp_mid", "0", "sdp_m_line_index", 0, "username_fragment", "Fx7k");

    private SignalClient() {
    }

    static SignalClient connect(SignalingCluster cluster, int instance, SignalingCluster.TestUser user) {
        SignalClient client = open(new SignalClient(), cluster.socketPort(instance),
                "/ws/signaling?access_token=" + user.token(), Map.of());
        client.awaitType("ready");
        return client;
    }

    /** Through another port, e.g. the gateway's public {@code /ws/signaling}. */
    static SignalClient connect(int port, SignalingCluster.TestUser user) {
        SignalClient client = open(new SignalClient(), port, "/ws/signaling?access_token=" + user.token(), Map.of());
        client.awaitType("ready");
        return client;
    }

    JsonNode join(UUID callId) {
        send(frame("join", "call_id", callId));
        return await(frame -> "joined".equals(type(frame)) && callId.toString().equals(frame.path("call_id").asString()));
    }

    void offer(UUID callId, UUID to) {
        send(frame("offer", "call_id", callId, "to", to, "sdp", SDP));
    }

    JsonNode awaitFrom(String type, UUID from) {
        return await(frame -> type.equals(type(frame)) && from.toString().equals(frame.path("from").asString()));
    }

    JsonNode awaitError(String code) {
        return await(frame -> "error".equals(type(frame)) && code.equals(frame.path("code").asString()));
    }
}
