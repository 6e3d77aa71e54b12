package com.linkwithmentor.signaling.socket;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.redis.TokenBucket;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.EncodedFrame;
import com.linkwithmentor.realtime.Handshake;
import com.linkwithmentor.realtime.RealtimeProperties;
import com.linkwithmentor.realtime.RoomHub;
import com.linkwithmentor.realtime.RoomHubs;
import com.linkwithmentor.realtime.SocketEndpoint;
import com.linkwithmentor.signaling.call.Call;
import com.linkwithmentor.signaling.call.CallNotice;
import com.linkwithmentor.signaling.call.CallService;
import com.linkwithmentor.signaling.call.SuspendedUsers;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws/signaling} protocol on the socket layer (see {@code signaling-websocket-protocol.md}
 * beside application.yml). A socket follows its user's room ({@code signal.user.{userId}}: calls
 * ringing, calls ended) and the room of each call it joined ({@code signal.call.{callId}}: relayed
 * offers, answers and candidates, each delivered only to its addressee, and peers coming and
 * going). Who is in a call, and for how long a dropped peer may come back, is the call record's
 * ({@link CallService}); token checks, parsing, limits and heartbeats are the layer's.
 */
@Component
class SignalingSocket implements SocketEndpoint<SignalFrame, SignalingSocket.Peer> {

    static final String PATH = "/ws/signaling";

    private static final Logger log = LoggerFactory.getLogger(SignalingSocket.class);

    /** One socket: the calls it joined, each with its participants (fixed when the call was placed). */
    static final class Peer {

        final Connection connection;

        final Map<UUID, Set<UUID>> calls = new ConcurrentHashMap<>();

        Peer(Connection connection) {
            this.connection = connection;
        }

        UUID userId() {
            return connection.userId();
        }
    }

    private final RoomHub<Peer> callRooms;

    private final RoomHub<Peer> userRooms;

    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();

    private final CallService calls;

    private final SuspendedUsers suspended;

    private final TokenBucket buckets;

    private final SignalingSocketProperties properties;

    private final RealtimeProperties socket;

    private final JsonMapper json;

    private final Clock clock;

    SignalingSocket(RoomHubs hubs, CallService calls, SuspendedUsers suspended, TokenBucket buckets,
            SignalingSocketProperties properties, RealtimeProperties socket, JsonMapper json, ObjectProvider<Clock> clock) {
        this.calls = calls;
        this.suspended = suspended;
        this.buckets = buckets;
        this.properties = properties;
        this.socket = socket;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.callRooms = hubs.create("signal.call.", this::deliver);
        this.userRooms = hubs.create("signal.user.", this::deliver);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<SignalFrame> frameType() {
        return SignalFrame.class;
    }

    @Override
    public List<String> references() {
        return List.of("call_id", "to");
    }

    @Override
    public void admit(Handshake handshake) {
        if (suspended.isSuspended(handshake.user().id())) {
            throw ApiException.forbidden("This account is suspended and cannot join calls");
        }
    }

    /** Follows the user's room first, then reads their live calls: a call placed meanwhile still rings here. */
    @Override
    public Peer open(Connection connection) {
        Peer peer = new Peer(connection);
        userRooms.join(connection.userId().toString(), peer);
        peers.add(peer);
        List<ServerFrame.LiveCall> live = calls.liveCallsOf(connection.userId()).stream()
            .map(call -> new ServerFrame.LiveCall(call.callId(), call.sessionId(), call.callerId(), call.callType(),
                    call.status(), call.participantIds()))
            .toList();
        connection.ready(new ServerFrame.Ready(connection.id(), connection.userId(), live, socket.heartbeat().toSeconds(),
                calls.properties().rejoinGrace().toSeconds()));
        return peer;
    }

    @Override
    public void receive(Peer peer, Connection connection, SignalFrame frame) {
        UUID me = connection.userId();
        switch (frame) {
            case SignalFrame.Join join -> join(peer, join.callId());
            case SignalFrame.Leave leave -> {
                requireJoined(peer, leave.callId());
                calls.leave(leave.callId(), me);
                leaveCall(peer, leave.callId());
            }
            case SignalFrame.End end -> calls.end(end.callId(), me,
                    end.reason() != null ? com.linkwithmentor.signaling.call.EndReason.FAILED : null);
            case SignalFrame.Offer offer -> {
                requirePeer(peer, offer.callId(), offer.to());
                SignalRules.requireSessionDescription(offer.sdp());
                takeDescriptionBudget(me);
                relay(offer.callId(), offer.to(), new ServerFrame.Offer(offer.callId(), me, offer.sdp()));
            }
            case SignalFrame.Answer answer -> {
                requirePeer(peer, answer.callId(), answer.to());
                SignalRules.requireSessionDescription(answer.sdp());
                takeDescriptionBudget(me);
                relay(answer.callId(), answer.to(), new ServerFrame.Answer(answer.callId(), me, answer.sdp()));
            }
            case SignalFrame.IceCandidate ice -> {
                requirePeer(peer, ice.callId(), ice.to());
                SignalRules.requireCandidate(ice.candidate());
                relay(ice.callId(), ice.to(), new ServerFrame.IceCandidate(ice.callId(), me, ice.candidate()));
            }
            case SignalFrame.Mute mute -> toOthers(peer, mute.callId(), new ServerFrame.Mute(mute.callId(), me));
            case SignalFrame.Unmute unmute -> toOthers(peer, unmute.callId(), new ServerFrame.Unmute(unmute.callId(), me));
            case SignalFrame.CameraOn on -> toOthers(peer, on.callId(), new ServerFrame.CameraOn(on.callId(), me));
            case SignalFrame.CameraOff off -> toOthers(peer, off.callId(), new ServerFrame.CameraOff(off.callId(), me));
            case SignalFrame.ScreenShareStarted started -> toOthers(peer, started.callId(),
                    new ServerFrame.ScreenShareStarted(started.callId(), me, started.streamId(), started.trackId(), "screen"));
            case SignalFrame.ScreenShareStopped stopped -> toOthers(peer, stopped.callId(),
                    new ServerFrame.ScreenShareStopped(stopped.callId(), me, stopped.streamId(), "screen"));
            case SignalFrame.IceRestart restart -> {
                if (restart.to() != null) {
                    requirePeer(peer, restart.callId(), restart.to());
                    relay(restart.callId(), restart.to(), new ServerFrame.IceRestart(restart.callId(), me));
                }
                else {
                    toOthers(peer, restart.callId(), new ServerFrame.IceRestart(restart.callId(), me));
                }
            }
            case SignalFrame.Ping ping -> connection.send(new ServerFrame.Pong(clock.instant()));
        }
    }

    /**
     * Records the join, follows the call's room, answers with the peers and roles, then tells the
     * others: anything they send after hearing of us reaches us. A socket of the same user already
     * in the call is let go ({@code left}), so each peer has one socket per call.
     */
    private void join(Peer peer, UUID callId) {
        Connection connection = peer.connection;
        CallService.Joined joined = calls.join(callId, connection.userId(), connection.id());
        callRooms.join(callId.toString(), peer);
        peer.calls.put(callId, Set.copyOf(joined.call().participantIds()));
        joined.replacedConnection().ifPresent(old -> publish(callRooms, callId,
                Envelope.kick(callId, old, write(new ServerFrame.Left(callId, "joined_elsewhere")))));
        Call call = joined.call();
        connection.send(new ServerFrame.Joined(callId, joined.peers(), joined.polite(), joined.politeToward(),
                joined.rejoined(), call.callType(), call.status(), call.participantIds()));
        publish(callRooms, callId, Envelope.toAllBut(callId, connection.userId(),
                write(new ServerFrame.PeerJoined(callId, connection.userId(), joined.rejoined()))));
    }

    @Override
    public void closed(Peer peer, Connection connection, int code) {
        peers.remove(peer);
        userRooms.leave(connection.userId().toString(), peer);
        for (UUID callId : Set.copyOf(peer.calls.keySet())) {
            callRooms.leave(callId.toString(), peer);
            try {
                if (calls.disconnected(callId, connection.userId(), connection.id())) {
                    long grace = calls.properties().rejoinGrace().toSeconds();
                    publish(callRooms, callId, Envelope.toAllBut(callId, connection.userId(),
                            write(new ServerFrame.PeerLeft(callId, connection.userId(), "connection_lost", grace))));
                }
            }
            catch (RuntimeException ex) {
                // The call's clock notices the silence (its instance stops vouching for this socket).
                log.warn("Could not record that {} dropped out of call {}: {}", connection.userId(), callId, ex.toString());
            }
        }
    }

    // ---- after changes made elsewhere (REST, the call clock, suspensions) ----------------------------

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CallNotice notice) {
        switch (notice) {
            case CallNotice.Ringing ringing -> {
                Call call = ringing.call();
                String frame = write(new ServerFrame.CallRinging(call.callId(), call.sessionId(), call.callerId(),
                        call.callType(), call.participantIds(), call.ringUntil()));
                call.calleeIds().forEach(callee -> publish(userRooms, callee, Envelope.toUser(call.callId(), callee, frame)));
            }
            case CallNotice.Ended ended -> {
                Call call = ended.call();
                String frame = write(new ServerFrame.Ended(call.callId(), call.endReason(), call.endedBy(),
                        call.durationSeconds()));
                call.participantIds().forEach(user -> publish(userRooms, user, Envelope.ended(call.callId(), frame)));
            }
            case CallNotice.PeerGone gone -> publish(callRooms, gone.callId(), Envelope.toAllBut(gone.callId(),
                    gone.userId(), write(new ServerFrame.PeerLeft(gone.callId(), gone.userId(), gone.reason(),
                            gone.reason().equals("connection_lost") ? calls.properties().rejoinGrace().toSeconds() : null))));
        }
    }

    /** Keeps this instance's call sockets counted as alive in the call record. */
    @Scheduled(fixedDelayString = "${lwm.signaling.calls.liveness-refresh:10s}")
    void vouch() {
        List<String> inCalls = peers.stream().filter(p -> !p.calls.isEmpty()).map(p -> p.connection.id()).toList();
        try {
            calls.vouchFor(inCalls);
        }
        catch (RuntimeException ex) {
            log.warn("Could not vouch for {} call sockets: {}", inCalls.size(), ex.toString());
        }
    }

    // ---- delivery -------------------------------------------------------------------------------------

    /** One room message to this instance's members it is for; the JSON is encoded once for all of them. */
    private void deliver(String roomId, String message, List<Peer> members) {
        Envelope envelope = Envelope.decode(message);
        EncodedFrame frame = null;
        for (Peer member : members) {
            if (!envelope.reaches(member.userId(), member.connection.id())) {
                continue;
            }
            if ((envelope.kind() == Envelope.ENDED || envelope.kind() == Envelope.KICK) && envelope.callId() != null) {
                boolean wasIn = member.calls.containsKey(envelope.callId());
                leaveCall(member, envelope.callId());
                if (envelope.kind() == Envelope.KICK && !wasIn) {
                    continue;
                }
            }
            if (frame == null) {
                frame = EncodedFrame.of(envelope.json());
            }
            member.connection.send(frame);
        }
    }

    private void leaveCall(Peer peer, UUID callId) {
        if (peer.calls.remove(callId) != null) {
            callRooms.leave(callId.toString(), peer);
        }
    }

    private void relay(UUID callId, UUID to, ServerFrame frame) {
        publish(callRooms, callId, Envelope.toUser(callId, to, write(frame)));
    }

    private void toOthers(Peer peer, UUID callId, ServerFrame frame) {
        requireJoined(peer, callId);
        publish(callRooms, callId, Envelope.toAllBut(callId, peer.userId(), write(frame)));
    }

    private void publish(RoomHub<Peer> hub, UUID roomId, Envelope envelope) {
        try {
            hub.publish(roomId.toString(), envelope.encode());
        }
        catch (RedisException ex) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Signaling is briefly unavailable; send it again");
        }
    }

    private String write(ServerFrame frame) {
        return json.writeValueAsString(frame);
    }

    private static void requireJoined(Peer peer, UUID callId) {
        if (!peer.calls.containsKey(callId)) {
            throw ApiException.notFound("Call (join it on this socket first)");
        }
    }

    private static void requirePeer(Peer peer, UUID callId, UUID to) {
        Set<UUID> participants = peer.calls.get(callId);
        if (participants == null) {
            throw ApiException.notFound("Call (join it on this socket first)");
        }
        if (to.equals(peer.userId()) || !participants.contains(to)) {
            throw ApiException.notFound("Peer");
        }
    }

    /** Session descriptions are the big frames: a per-user budget across instances. */
    private void takeDescriptionBudget(UUID userId) {
        int perMinute = properties.offersPerMinute();
        TokenBucket.Decision decision;
        try {
            decision = buckets.take("rate_limit:" + userId + ":signal:sdp", perMinute, perMinute / 60.0);
        }
        catch (RedisException ex) {
            return; // the layer's local frame limits still hold
        }
        if (!decision.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many offers and answers; wait a moment",
                    Map.of("retry_after_ms", decision.retryAfterMillis()));
        }
    }
}
