package com.linkwithmentor.payment.provider;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The webhook signature schemes: hex HMAC-SHA256 of the raw body (Razorpay), and of
 * {@code "<t>.<body>"} carried as {@code t=...,v1=...} with a timestamp tolerance (Stripe, and the
 * sandbox, which copies it). Comparisons are constant-time.
 */
public final class Signatures {

    private Signatures() {
    }

    public static String hmacHex(String secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static boolean same(String expected, @Nullable String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Razorpay: {@code X-Razorpay-Signature} is the hex HMAC-SHA256 of the body with the webhook secret. */
    public static void verifyBodyHmac(String secret, byte[] body, @Nullable String signature) throws WebhookRejectedException {
        if (secret.isBlank() || !same(hmacHex(secret, body), signature)) {
            throw new WebhookRejectedException("The webhook signature does not verify");
        }
    }

    /**
     * Stripe-style {@code t=<unix seconds>,v1=<hex>[,v1=...]}: one v1 must be the HMAC of
     * {@code "t." + body}, and t within the tolerance of now (a replayed old event is refused).
     */
    public static void verifyTimestamped(String secret, byte[] body, @Nullable String header, Duration tolerance, Clock clock)
            throws WebhookRejectedException {
        if (secret.isBlank() || header == null || header.isBlank()) {
            throw new WebhookRejectedException("The webhook is not signed");
        }
        long timestamp = -1;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                }
                catch (NumberFormatException ex) {
                    throw new WebhookRejectedException("The webhook signature's timestamp is not a number");
                }
            }
            else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp < 0 || signatures.isEmpty()) {
            throw new WebhookRejectedException("The webhook signature header is malformed");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw new WebhookRejectedException("The webhook's timestamp is outside the tolerance");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        String expected = hmacHex(secret, signed);
        if (signatures.stream().noneMatch(given -> same(expected, given))) {
            throw new WebhookRejectedException("The webhook signature does not verify");
        }
    }
}
