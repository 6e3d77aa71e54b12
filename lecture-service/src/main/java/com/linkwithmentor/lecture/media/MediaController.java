package com.linkwithmentor.lecture.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.storage.BlobInfo;
import com.linkwithmentor.storage.BlobStore;
import com.linkwithmentor.lecture.signing.MediaProperties;
import com.linkwithmentor.lecture.signing.MediaSigner;

/**
 * Serves {@code /media/<key>} to a request whose signature is good and unexpired (403 otherwise;
 * no token is involved). Playlists are rewritten per viewer and cached briefly; segments and
 * images are immutable (each transcode writes under a prefix of its own), cached for as long as
 * the URL lives, and served with byte ranges ({@code 206}, {@code 416}).
 */
@RestController
class MediaController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private static final Map<String, String> TYPES = Map.of("m3u8", "application/vnd.apple.mpegurl", "ts", "video/mp2t",
            "m4s", "video/iso.segment", "mp4", "video/mp4", "jpg", "image/jpeg", "png", "image/png", "webp", "image/webp");

    private final BlobStore blobs;

    private final MediaSigner signer;

    private final MediaProperties properties;

    private final Clock clock;

    MediaController(BlobStore blobs, MediaSigner signer, MediaProperties properties, Clock clock) {
        this.blobs = blobs;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/media/**")
    @PublicEndpoint
    ResponseEntity<?> media(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(name = "u", required = false) @Nullable String viewer,
            @RequestParam(name = "e", required = false) @Nullable String expiry,
            @RequestParam(name = "s", required = false) @Nullable String signature) throws IOException {
        String path = request.getRequestURI();
        String refusal = signer.refusal(path, viewer, expiry, signature);
        if (refusal != null) {
            throw ApiException.forbidden(refusal);
        }
        String key = MediaKeys.normalize(path.substring(MediaSigner.MEDIA_ROOT.length()));
        String extension = key == null ? "" : key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (key == null || type == null) {
            throw ApiException.notFound("Media");
        }
        Optional<BlobInfo> blob = blobs.stat(key);
        if (blob.isEmpty()) {
            throw ApiException.notFound("Media");
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(expiry));
        if (extension.equals("m3u8")) {
            return playlist(key, type, UUID.fromString(viewer), expires);
        }
        return bytes(request, response, blob.get(), type, expires);
    }

    private ResponseEntity<String> playlist(String key, String type, UUID viewer, Instant expires) throws IOException {
        String text;
        try (InputStream in = blobs.open(key)) {
            text = new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
        }
        String rewritten = Playlists.rewrite(text, key, signer, viewer, expires);
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(type))
            .cacheControl(org.springframework.http.CacheControl.maxAge(maxAge(properties.playlistMaxAge(), expires)).cachePublic())
            .body(rewritten);
    }

    private @Nullable ResponseEntity<?> bytes(HttpServletRequest request, HttpServletResponse response, BlobInfo blob,
            String type, Instant expires) throws IOException {
        long length = blob.length();
        String etag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(blob.lastModified().toEpochMilli()) + "\"";
        long start = 0;
        long end = length - 1;
        boolean partial = false;
        String range = request.getHeader(HttpHeaders.RANGE);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher matcher = RANGE.matcher(range.strip());
            if (matcher.matches() && !(matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                try {
                    if (matcher.group(1).isEmpty()) {
                        long suffix = Long.parseLong(matcher.group(2));
                        start = Math.max(0, length - suffix);
                        partial = suffix > 0;
                        if (suffix == 0) {
                            return unsatisfiable(length);
                        }
                    }
                    else {
                        start = Long.parseLong(matcher.group(1));
                        end = matcher.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(matcher.group(2)), length - 1);
                        if (start >= length || end < start) {
                            return unsatisfiable(length);
                        }
                        partial = true;
                    }
                }
                catch (NumberFormatException ex) {
                    return unsatisfiable(length);
                }
            }
            // Anything else (several ranges, another unit) is ignored: the whole file, as RFC 9110 allows.
        }
        long count = end - start + 1;
        response.setStatus(partial ? HttpStatus.PARTIAL_CONTENT.value() : HttpStatus.OK.value());
        response.setContentType(type);
        response.setContentLengthLong(count);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, blob.lastModified().toEpochMilli());
        response.setHeader(HttpHeaders.CACHE_CONTROL,
                "public, max-age=" + maxAge(properties.segmentMaxAge(), expires).toSeconds() + ", immutable");
        if (partial) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
        }
        if ("HEAD".equals(request.getMethod())) {
            return null;
        }
        try (InputStream in = partial ? blobs.open(blob.key(), start, count) : blobs.open(blob.key());
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> unsatisfiable(long length) {
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
            .header(HttpHeaders.ACCEPT_RANGES, "bytes")
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, ErrorCode.VALIDATION_ERROR,
                    "The range is outside the file's " + length + " bytes", Map.of("length", length), null));
    }

    /** A CDN may keep the response no longer than the URL is valid (the cache key is the full signed URL). */
    private Duration maxAge(Duration configured, Instant expires) {
        Duration left = Duration.between(clock.instant(), expires);
        return left.compareTo(configured) < 0 ? (left.isNegative() ? Duration.ZERO : left) : configured;
    }
}
