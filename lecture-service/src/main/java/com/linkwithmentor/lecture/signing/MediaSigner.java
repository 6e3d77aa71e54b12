package com.linkwithmentor.lecture.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues and checks media URLs: {@code /media/<key>?u=<viewer>&e=<expiry epoch s>&s=<signature>},
 * the signature an HMAC-SHA256 over {@code path \n viewer \n expiry}. The URL names the viewer, so
 * a leaked link is traceable to whom it was issued and dies at its expiry; no token travels with a
 * media request, which lets a CDN cache segments (the signature is in the query, the bytes are not
 * per user).
 */
@Component
public class MediaSigner {

    public static final String MEDIA_ROOT = "/media/";

    private static final Logger log = LoggerFactory.getLogger(MediaSigner.class);

    private static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    private final Clock clock;

    private final MediaProperties properties;

    MediaSigner(MediaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = key(properties);
    }

    /** A signed URL for a media path (starting {@code /media/}), valid until {@code expires}. */
    public String sign(String path, UUID viewer, Instant expires) {
        long expiry = expires.getEpochSecond();
        return path + "?u=" + viewer + "&e=" + expiry + "&s=" + signature(path, viewer.toString(), expiry);
    }

    /** A signed URL valid for the configured lifetime from now. */
    public Signed sign(String path, UUID viewer) {
        Instant expires = clock.instant().plus(properties.urlLifetime()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Signed(sign(path, viewer, expires), expires);
    }

    public record Signed(String url, Instant expiresAt) {
    }

    /** Why a media request is refused, or null when its signature is good and unexpired. */
    public @Nullable String refusal(String path, @Nullable String viewer, @Nullable String expiry, @Nullable String signature) {
        if (viewer == null || expiry == null || signature == null) {
            return "The media URL is not signed";
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expiry);
            UUID.fromString(viewer);
        }
        catch (IllegalArgumentException ex) {
            return "The media URL's signature is not valid";
        }
        byte[] expected = signature(path, viewer, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "The media URL's signature is not valid";
        }
        if (clock.instant().getEpochSecond() > expiresAt) {
            return "The media URL has expired; ask for a new playback URL";
        }
        return null;
    }

    private String signature(String path, String viewer, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((path + "\n" + viewer + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] key(MediaProperties properties) {
        if (!properties.signingKey().isBlank()) {
            byte[] configured = properties.signingKey().getBytes(StandardCharsets.UTF_8);
            if (configured.length < MIN_KEY_BYTES) {
                throw new IllegalStateException("lwm.lectures.media.signing-key (LWM_MEDIA_SIGNING_KEY) must be at least "
                        + MIN_KEY_BYTES + " bytes");
            }
            return configured;
        }
        Path file = properties.devKeyFile().toAbsolutePath().normalize();
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
            }
            byte[] random = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException ex) {
                // not a POSIX file system; the file stays as created
            }
            log.warn("No LWM_MEDIA_SIGNING_KEY set: generated a development media signing key in {} "
                    + "(set the variable, the same on every instance, in production)", file);
            return generated.getBytes(StandardCharsets.UTF_8);
        }
        catch (java.nio.file.FileAlreadyExistsException ex) {
            return key(properties);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read or create the development media signing key " + file, ex);
        }
    }
}
