// The LinkWithMentor call page: /ws/signaling with perfect negotiation (roles assigned by the
// server), ICE servers from GET /api/v1/calls/{id}/ice-servers, screen share by renegotiation,
// and a socket that rejoins the call when it drops. Plain ES module, no build step; the web
// client reuses it. window.lwmCall exposes the call's state for tests and for debugging.

const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));

const call = {
  callId: query.get('call_id'),
  token: fragment.get('access_token') || sessionStorage.getItem('lwm.access_token'),
  relayOnly: query.get('relay') === '1',
  loopbackOnly: query.get('loopback') === '1',
  me: null,
  callType: null,
  degraded: false,
  iceServers: [],
  socket: null,
  socketState: 'closed',
  joined: false,
  ended: null,
  politeToward: new Set(),
  peers: new Map(),          // user id -> { pc, polite, makingOffer, ignoreOffer, streams }
  localStream: null,
  screen: null,              // { stream, senders: Map(peer -> sender) }
  remoteScreens: new Set(),  // stream ids a peer announced as a screen
  events: [],
  closing: false,
};

const $ = (id) => document.getElementById(id);

function log(event, detail = {}) {
  call.events.push({ at: Date.now(), event, ...detail });
}

function setStatus(text) {
  $('status').textContent = text;
}

// ---- REST -----------------------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Authorization: `Bearer ${call.token}`, 'Content-Type': 'application/json', ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${body.error_code || ''} ${body.message || ''}`);
  }
  return body;
}

// ---- the socket -----------------------------------------------------------------------------------

function send(frame) {
  if (call.socket && call.socket.readyState === WebSocket.OPEN) {
    call.socket.send(JSON.stringify({ call_id: call.callId, ...frame }));
  }
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws/signaling?access_token=${encodeURIComponent(call.token)}`);
  call.socket = socket;
  call.socketState = 'connecting';
  socket.onmessage = (message) => onFrame(JSON.parse(message.data));
  socket.onclose = (event) => {
    if (call.socket !== socket) {
      return;
    }
    call.socketState = 'closed';
    call.joined = false;
    log('socket_closed', { code: event.code });
    // Media keeps flowing peer to peer; the socket comes back and rejoins within the grace window.
    if (!call.closing && !call.ended) {
      setTimeout(connect, 300);
    }
  };
}

async function onFrame(frame) {
  switch (frame.type) {
    case 'ready':
      call.me = frame.user_id;
      call.socketState = 'open';
      send({ type: 'join' });
      break;
    case 'joined':
      call.joined = true;
      call.politeToward = new Set(frame.polite_toward);
      log('joined', { peers: frame.peers, rejoined: frame.rejoined, polite: frame.polite });
      setStatus(frame.status === 'active' ? 'in call' : 'ringing');
      for (const peer of frame.peers) {
        peerFor(peer);
      }
      break;
    case 'peer_joined':
      log('peer_joined', { user: frame.user_id, rejoined: frame.rejoined });
      setStatus('in call');
      if (call.peers.has(frame.user_id)) {
        peerFor(frame.user_id, frame.rejoined);
      } else {
        // The newcomer offers (it saw us in joined.peers); only if its offer never comes do we.
        setTimeout(() => {
          if (!call.peers.has(frame.user_id) && !call.ended) {
            peerFor(frame.user_id);
          }
        }, 4000);
      }
      break;
    case 'peer_left':
      log('peer_left', { user: frame.user_id, reason: frame.reason });
      if (frame.reason !== 'connection_lost') {
        closePeer(frame.user_id);
      }
      break;
    case 'offer':
    case 'answer':
      await onDescription(frame.from, { type: frame.type, sdp: frame.sdp });
      break;
    case 'ice_candidate':
      await onCandidate(frame.from, frame.candidate);
      break;
    case 'screen_share_started':
      call.remoteScreens.add(frame.stream_id);
      log('remote_screen_started', { user: frame.from, stream: frame.stream_id });
      break;
    case 'screen_share_stopped':
      call.remoteScreens.delete(frame.stream_id);
      document.querySelectorAll(`figure[data-stream="${CSS.escape(frame.stream_id || '')}"]`).forEach((tile) => tile.remove());
      log('remote_screen_stopped', { user: frame.from, stream: frame.stream_id });
      break;
    case 'ice_restart':
      call.peers.get(frame.from)?.pc.restartIce();
      break;
    case 'mute': case 'unmute': case 'camera_on': case 'camera_off':
      log(frame.type, { user: frame.from });
      break;
    case 'ended':
      call.ended = frame.reason;
      log('ended', { reason: frame.reason });
      setStatus(`ended (${frame.reason})`);
      for (const peer of [...call.peers.keys()]) {
        closePeer(peer);
      }
      call.socket?.close();
      break;
    case 'left':
      log('left', { reason: frame.reason });
      break;
    case 'error':
      log('error', { code: frame.code, message: frame.message });
      break;
    default:
      break;
  }
}

// ---- perfect negotiation (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example) ----------

function peerFor(userId, rejoined = false, withTracks = true) {
  const existing = call.peers.get(userId);
  if (existing) {
    if (rejoined && existing.pc.iceConnectionState !== 'connected' && existing.pc.iceConnectionState !== 'completed') {
      existing.pc.restartIce();
    }
    return existing;
  }
  const pc = new RTCPeerConnection({
    iceServers: call.iceServers,
    iceTransportPolicy: call.relayOnly ? 'relay' : 'all',
  });
  const peer = { userId, pc, polite: call.politeToward.has(userId), makingOffer: false, ignoreOffer: false, pending: [] };
  call.peers.set(userId, peer);
  pc.onnegotiationneeded = async () => {
    try {
      peer.makingOffer = true;
      await pc.setLocalDescription();
      send({ type: 'offer', to: userId, sdp: pc.localDescription.sdp });
    } catch (error) {
      log('negotiation_failed', { message: String(error) });
    } finally {
      peer.makingOffer = false;
    }
  };
  pc.onicecandidate = ({ candidate }) => {
    if (!candidate || !candidate.candidate || !allowed(candidate.candidate)) {
      return;
    }
    send({
      type: 'ice_candidate', to: userId,
      candidate: {
        candidate: candidate.candidate, sdp_mid: candidate.sdpMid, sdp_m_line_index: candidate.sdpMLineIndex,
        username_fragment: candidate.usernameFragment,
      },
    });
  };
  pc.onconnectionstatechange = () => {
    log('connection_state', { user: userId, state: pc.connectionState });
    // A network change broke the path: the impolite side restarts ICE (one offer, no glare).
    if (pc.connectionState === 'failed' && !peer.polite) {
      pc.restartIce();
    }
  };
  pc.ontrack = ({ track, streams }) => showRemote(userId, track, streams[0]);
  if (withTracks) {
    addLocalTracks(peer);
  }
  return peer;
}

function addLocalTracks(peer) {
  for (const track of call.localStream?.getTracks() || []) {
    peer.pc.addTrack(track, call.localStream);
  }
  if (call.screen) {
    for (const track of call.screen.stream.getTracks()) {
      call.screen.senders.set(peer.userId, peer.pc.addTrack(track, call.screen.stream));
    }
  }
}

async function onDescription(from, description) {
  // A first offer from a peer: answer on the transceivers it offered (tracks added after it is
  // applied reuse them), so the answer carries our media and no second negotiation is needed.
  const fresh = !call.peers.has(from) && description.type === 'offer';
  const peer = peerFor(from, false, !fresh);
  const pc = peer.pc;
  const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
  peer.ignoreOffer = !peer.polite && collision;
  if (peer.ignoreOffer) {
    log('offer_ignored', { from });
    return;
  }
  await pc.setRemoteDescription(description);
  if (fresh) {
    addLocalTracks(peer);
  }
  if (description.type === 'offer') {
    await pc.setLocalDescription();
    send({ type: 'answer', to: from, sdp: pc.localDescription.sdp });
  }
  // Candidates that came while no description could take them (an ignored offer's, or ahead of
  // their description) are tried again now; those of a finished ICE generation are refused harmlessly.
  const pending = peer.pending.splice(0);
  for (const candidate of pending) {
    await pc.addIceCandidate(candidate).catch(() => {});
  }
}

async function onCandidate(from, candidate) {
  const peer = call.peers.get(from);
  if (!peer) {
    return; // its offer comes first; a candidate without one belongs to nothing here
  }
  if (!allowed(candidate.candidate)) {
    return;
  }
  const init = {
    candidate: candidate.candidate, sdpMid: candidate.sdp_mid, sdpMLineIndex: candidate.sdp_m_line_index,
    usernameFragment: candidate.username_fragment,
  };
  if (peer.ignoreOffer || !peer.pc.remoteDescription) {
    peer.pending.push(init);
    return;
  }
  try {
    await peer.pc.addIceCandidate(init);
  } catch (error) {
    peer.pending.push(init);
    log('candidate_deferred', { message: String(error) });
  }
}

// loopback=1 keeps ICE on 127.0.0.1 (tests, and a developer's own machine): no other address is offered.
function allowed(candidate) {
  if (!call.loopbackOnly || !candidate) {
    return true;
  }
  const address = candidate.split(' ')[4];
  return address === '127.0.0.1';
}

function closePeer(userId) {
  const peer = call.peers.get(userId);
  if (peer) {
    peer.pc.close();
    call.peers.delete(userId);
    document.querySelectorAll(`figure[data-user="${CSS.escape(userId)}"]`).forEach((tile) => tile.remove());
  }
}

// ---- media ----------------------------------------------------------------------------------------

function showRemote(userId, track, stream) {
  if (!stream) {
    return;
  }
  const screen = call.remoteScreens.has(stream.id);
  let tile = document.querySelector(`figure[data-stream="${CSS.escape(stream.id)}"]`);
  if (!tile) {
    tile = document.createElement('figure');
    tile.dataset.stream = stream.id;
    tile.dataset.user = userId;
    tile.dataset.purpose = screen ? 'screen' : 'camera';
    tile.innerHTML = '<video autoplay playsinline></video><figcaption></figcaption>';
    tile.querySelector('figcaption').textContent = screen ? `Screen of ${userId.slice(0, 8)}` : userId.slice(0, 8);
    tile.querySelector('video').srcObject = stream;
    $('tiles').append(tile);
  }
  log('remote_track', { user: userId, kind: track.kind, stream: stream.id, purpose: screen ? 'screen' : 'camera' });
}

export async function startScreenShare() {
  if (call.screen) {
    return call.screen.stream.id;
  }
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const [track] = stream.getVideoTracks();
  call.screen = { stream, senders: new Map() };
  // Announced before the renegotiation, so the other side shows it as a screen.
  send({ type: 'screen_share_started', stream_id: stream.id, track_id: track.id });
  for (const [userId, peer] of call.peers) {
    call.screen.senders.set(userId, peer.pc.addTrack(track, stream));
  }
  track.onended = () => stopScreenShare();
  $('share').textContent = 'Stop sharing';
  log('screen_share_started', { stream: stream.id });
  return stream.id;
}

export function stopScreenShare() {
  if (!call.screen) {
    return;
  }
  const { stream, senders } = call.screen;
  call.screen = null;
  for (const [userId, sender] of senders) {
    const peer = call.peers.get(userId);
    if (peer && peer.pc.signalingState !== 'closed') {
      peer.pc.removeTrack(sender);
    }
  }
  stream.getTracks().forEach((track) => track.stop());
  send({ type: 'screen_share_stopped', stream_id: stream.id });
  $('share').textContent = 'Share screen';
  log('screen_share_stopped', { stream: stream.id });
}

function toggleMute() {
  const track = call.localStream?.getAudioTracks()[0];
  if (track) {
    track.enabled = !track.enabled;
    send({ type: track.enabled ? 'unmute' : 'mute' });
    $('mute').textContent = track.enabled ? 'Mute' : 'Unmute';
  }
}

function toggleCamera() {
  const track = call.localStream?.getVideoTracks()[0];
  if (track) {
    track.enabled = !track.enabled;
    send({ type: track.enabled ? 'camera_on' : 'camera_off' });
    $('camera').textContent = track.enabled ? 'Camera off' : 'Camera on';
  }
}

export async function hangUp() {
  call.closing = true;
  send({ type: 'end' });
}

/** Drops the signaling socket as a network change would; it reconnects and rejoins by itself. */
export function dropSocket() {
  log('socket_dropped');
  call.socket?.close(4100, 'dropped by the page');
}

// ---- what tests (and curious developers) read ------------------------------------------------------

/** Per peer: connection state, inbound bytes by kind, and the selected candidate pair's types. */
export async function stats() {
  const result = {};
  for (const [userId, peer] of call.peers) {
    const report = await peer.pc.getStats();
    const entry = { connectionState: peer.pc.connectionState, inbound: {}, pair: null, inboundVideoTracks: 0 };
    let selectedPairId = null;
    report.forEach((stat) => {
      if (stat.type === 'inbound-rtp') {
        entry.inbound[stat.kind] = (entry.inbound[stat.kind] || 0) + (stat.bytesReceived || 0);
        if (stat.kind === 'video') {
          entry.inboundVideoTracks += 1;
        }
      }
      if (stat.type === 'transport' && stat.selectedCandidatePairId) {
        selectedPairId = stat.selectedCandidatePairId;
      }
    });
    const pair = selectedPairId ? report.get(selectedPairId) : null;
    if (pair) {
      const local = report.get(pair.localCandidateId);
      const remote = report.get(pair.remoteCandidateId);
      entry.pair = {
        local: local?.candidateType, remote: remote?.candidateType,
        localAddress: local?.address, remoteAddress: remote?.address,
        relayProtocol: local?.relayProtocol,
      };
    }
    result[userId] = entry;
  }
  return result;
}

export function state() {
  return {
    me: call.me, callId: call.callId, joined: call.joined, socket: call.socketState, ended: call.ended,
    degraded: call.degraded, relayOnly: call.relayOnly, iceServers: call.iceServers, peers: [...call.peers.keys()],
    sharing: Boolean(call.screen), remoteScreens: [...call.remoteScreens],
    tiles: [...document.querySelectorAll('figure[data-stream]')].map((tile) => ({ user: tile.dataset.user, purpose: tile.dataset.purpose })),
    events: call.events,
  };
}

// ---- start ----------------------------------------------------------------------------------------

export async function start() {
  $('call-id').textContent = call.callId || '–';
  if (!call.callId || !call.token) {
    setStatus('open as /call/index.html?call_id=…#access_token=…');
    return;
  }
  sessionStorage.setItem('lwm.access_token', call.token);
  const details = await api(`/api/v1/calls/${encodeURIComponent(call.callId)}`);
  call.callType = details.call_type;
  const ice = await api(`/api/v1/calls/${encodeURIComponent(call.callId)}/ice-servers`);
  call.iceServers = ice.ice_servers;
  call.degraded = ice.degraded;
  $('degraded').hidden = !ice.degraded;
  // The design's graceful degradation: without TURN, keep the call to audio.
  const video = details.call_type !== 'audio' && !ice.degraded;
  call.localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
  $('local').srcObject = call.localStream;
  setStatus('connecting');
  connect();
}

$('mute').onclick = toggleMute;
$('camera').onclick = toggleCamera;
$('share').onclick = () => (call.screen ? stopScreenShare() : startScreenShare().catch((error) => log('screen_share_failed', { message: String(error) })));
$('hangup').onclick = hangUp;

// Leaving the page closes its peer connections, which releases their TURN allocations at once.
window.addEventListener('pagehide', () => {
  call.closing = true;
  for (const peer of call.peers.values()) {
    peer.pc.close();
  }
});

window.lwmCall = { start, state, stats, startScreenShare, stopScreenShare, dropSocket, hangUp };
window.lwmCallReady = start().catch((error) => {
  log('start_failed', { message: String(error) });
  setStatus(`could not start: ${error.message}`);
});
