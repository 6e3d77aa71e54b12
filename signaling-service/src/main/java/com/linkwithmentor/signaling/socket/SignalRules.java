package com.linkwithmentor.signaling.socket;

import java.util.regex.Pattern;

import com.linkwithmentor.common.error.ApiException;

/**
 * What a session description and an ICE candidate must look like before they are relayed: bounded
 * in size, printable ASCII, and shaped like RFC 8866 SDP or RFC 8839 candidate attributes. A
 * frame that is not is answered with a {@code validation_error} naming the field; nothing of it is
 * relayed, and the socket stays open.
 */
final class SignalRules {

    static final int MAX_SDP_CHARS = 65_536;

    static final int MAX_SDP_LINES = 2_000;

    static final int MAX_CANDIDATE_CHARS = 1_024;

    /** The highest media-line index a candidate may name (an SDP has far fewer m= lines). */
    static final int MAX_M_LINE_INDEX = 1_023;

    /** {@code x=value}: one lower-case letter type, printable ASCII (tabs allowed) value. */
    private static final Pattern SDP_LINE = Pattern.compile("[a-z]=[\\x20-\\x7E\\t]{0,8192}");

    private static final Pattern MEDIA_LINE = Pattern.compile("m=(audio|video|application|text|message) \\d{1,5}(/\\d{1,5})? [A-Za-z0-9/]{1,32}( [A-Za-z0-9.:/_-]{1,64}){0,256}");

    /** {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> [extensions]}. */
    private static final Pattern CANDIDATE = Pattern.compile(
            "candidate:[A-Za-z0-9+/]{1,32} \\d{1,3} (?i:udp|tcp) \\d{1,10} [A-Za-z0-9.:-]{1,255} \\d{1,5} typ (host|srflx|prflx|relay)"
                    + "( [A-Za-z0-9.:_+/=-]{1,255} [A-Za-z0-9.:_+/=-]{1,255}){0,16}");

    private SignalRules() {
    }

    static void requireSessionDescription(String sdp) {
        if (sdp.isEmpty()) {
            throw ApiException.badRequest("sdp", "sdp must not be empty");
        }
        if (!sdp.startsWith("v=0")) {
            throw ApiException.badRequest("sdp", "sdp must be a session description starting with v=0");
        }
        String[] lines = sdp.split("\r?\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        if (count > MAX_SDP_LINES) {
            throw ApiException.badRequest("sdp", "sdp has more than " + MAX_SDP_LINES + " lines");
        }
        boolean origin = false;
        boolean name = false;
        boolean timing = false;
        boolean media = false;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (!SDP_LINE.matcher(line).matches()) {
                throw ApiException.badRequest("sdp", "sdp line " + (i + 1) + " is not a <letter>=<printable text> line");
            }
            switch (line.charAt(0)) {
                case 'o' -> origin = true;
                case 's' -> name = true;
                case 't' -> timing = true;
                case 'm' -> {
                    if (!MEDIA_LINE.matcher(line).matches()) {
                        throw ApiException.badRequest("sdp", "sdp line " + (i + 1) + " is not a valid media line");
                    }
                    media = true;
                }
                default -> {
                }
            }
        }
        if (!origin || !name || !timing || !media) {
            throw ApiException.badRequest("sdp", "sdp lacks one of its o=, s=, t= or m= lines");
        }
    }

    static void requireCandidate(SignalFrame.Candidate candidate) {
        Integer index = candidate.sdpMLineIndex();
        if (index != null && (index < 0 || index > MAX_M_LINE_INDEX)) {
            throw ApiException.badRequest("candidate.sdp_m_line_index",
                    "Field 'candidate.sdp_m_line_index' must be between 0 and " + MAX_M_LINE_INDEX);
        }
        String value = candidate.candidate();
        if (value.isEmpty()) {
            return; // end of candidates
        }
        String bare = value.startsWith("a=") ? value.substring(2) : value;
        if (!CANDIDATE.matcher(bare).matches()) {
            throw ApiException.badRequest("candidate.candidate", "candidate is not an ICE candidate attribute");
        }
        if (candidate.sdpMid() == null && candidate.sdpMLineIndex() == null) {
            throw ApiException.badRequest("candidate.sdp_mid", "candidate needs sdp_mid or sdp_m_line_index");
        }
    }
}
