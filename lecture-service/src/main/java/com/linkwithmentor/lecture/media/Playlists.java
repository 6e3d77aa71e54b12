package com.linkwithmentor.lecture.media;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.linkwithmentor.lecture.signing.MediaSigner;

/**
 * Rewrites an HLS playlist so each URI in it (variant playlists, segments, {@code URI="..."}
 * attributes of EXT-X-MAP and EXT-X-KEY) is an absolute, signed {@code /media/} path for the same
 * viewer and expiry as the playlist's own URL. Only relative URIs inside the lecture's own
 * directory are signed; anything else is dropped, so a playlist can never sign a path outside it.
 */
final class Playlists {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private Playlists() {
    }

    static String rewrite(String playlist, String key, MediaSigner signer, UUID viewer, Instant expires) {
        String directory = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : "";
        StringBuilder out = new StringBuilder(playlist.length() * 2);
        for (String line : playlist.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                Matcher matcher = URI_ATTRIBUTE.matcher(trimmed);
                StringBuilder rewritten = new StringBuilder();
                while (matcher.find()) {
                    String signed = sign(directory, matcher.group(1), signer, viewer, expires);
                    matcher.appendReplacement(rewritten, Matcher.quoteReplacement("URI=\"" + (signed != null ? signed : "") + "\""));
                }
                matcher.appendTail(rewritten);
                out.append(rewritten).append('\n');
                continue;
            }
            String signed = sign(directory, trimmed, signer, viewer, expires);
            if (signed != null) {
                out.append(signed).append('\n');
            }
        }
        return out.toString();
    }

    private static String sign(String directory, String uri, MediaSigner signer, UUID viewer, Instant expires) {
        if (!MediaKeys.isRelative(uri)) {
            return null;
        }
        String target = MediaKeys.normalize(directory + uri);
        if (target == null || !target.startsWith(directory)) {
            return null;
        }
        return signer.sign(MediaSigner.MEDIA_ROOT + target, viewer, expires);
    }
}
