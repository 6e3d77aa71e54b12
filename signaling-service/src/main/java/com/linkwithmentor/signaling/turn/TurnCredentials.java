package com.linkwithmentor.signaling.turn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;

/**
 * Per-call, per-user TURN credentials that can be taken back. Each one is a random username and
 * password whose key goes into coturn's user database ({@link TurnUserDb}) and whose row here says
 * whose it is, so a call's or a user's credentials can all be found and deleted. They live
 * {@code credential-ttl} and are renewed while not revoked; ending the call revokes them.
 */
@Component
public class TurnCredentials {

    private static final Logger log = LoggerFactory.getLogger(TurnCredentials.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TurnUserDb userDb;

    private final TurnProperties properties;

    private final JdbcClient jdbc;

    private final Clock clock;

    TurnCredentials(TurnUserDb userDb, TurnProperties properties, JdbcClient jdbc,
            org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.userDb = userDb;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A username and password for this user in this call, valid for {@code ttl}. */
    public record Credential(String username, String password, Instant expiresAt) {
    }

    /** Issues a new credential; throws {@link RedisException} when coturn's database cannot be written. */
    public Credential issue(UUID callId, UUID userId) {
        long live = jdbc.sql("""
                SELECT count(*) FROM turn_credentials WHERE call_id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?
                """).params(callId, userId, Timestamp.from(clock.instant())).query(Long.class).single();
        if (live >= properties.maxCredentialsPerCallAndUser()) {
            throw new ApiException(com.linkwithmentor.common.error.ErrorCode.RATE_LIMITED,
                    "Too many TURN credentials for this call; use the ones already issued");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(properties.credentialTtl());
        // Only letters and digits: it travels in STUN USERNAME and in the user database's key.
        String username = "c" + hex(callId).substring(0, 12) + "u" + hex(userId).substring(0, 12) + "r" + random(9, true);
        String password = random(18, false);
        jdbc.sql("""
                INSERT INTO turn_credentials (username, call_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """).params(username, callId, userId, Timestamp.from(now), Timestamp.from(expires)).update();
        userDb.put(username, hmacKey(username, properties.realm(), password), properties.credentialTtl());
        return new Credential(username, password, expires);
    }

    /** Takes back every credential of the call (it ended). */
    public int revokeCall(UUID callId) {
        return revoke(jdbc.sql("""
                UPDATE turn_credentials SET revoked_at = ? WHERE call_id = ? AND revoked_at IS NULL RETURNING username
                """).params(Timestamp.from(clock.instant()), callId).query(String.class).list());
    }

    /** Takes back every credential of the user (suspended). */
    public int revokeUser(UUID userId) {
        return revoke(jdbc.sql("""
                UPDATE turn_credentials SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING username
                """).params(Timestamp.from(clock.instant()), userId).query(String.class).list());
    }

    private int revoke(List<String> usernames) {
        try {
            userDb.delete(usernames);
        }
        catch (RedisException ex) {
            // The keys expire by themselves within credential-ttl; renewal skips revoked rows.
            log.warn("Could not delete {} TURN credentials from coturn's database ({}); they expire within {}",
                    usernames.size(), ex.getMessage(), properties.credentialTtl());
        }
        return usernames.size();
    }

    /** Whether coturn's database still holds the credential (tests and operators). */
    public boolean present(String username) {
        return userDb.exists(username);
    }

    /** Every {@code renew-interval} (well within the lifetime), pushes the expiry of live credentials one lifetime on. */
    @Scheduled(fixedDelayString = "${lwm.signaling.turn.renew-interval:3m}",
            initialDelayString = "${lwm.signaling.turn.renew-interval:3m}")
    void renew() {
        Instant now = clock.instant();
        List<String> live = jdbc.sql("""
                UPDATE turn_credentials SET expires_at = ? WHERE revoked_at IS NULL AND expires_at > ? RETURNING username
                """).params(Timestamp.from(now.plus(properties.credentialTtl())), Timestamp.from(now)).query(String.class).list();
        try {
            userDb.renew(live, properties.credentialTtl());
        }
        catch (RedisException ex) {
            log.warn("Could not renew {} TURN credentials: {}", live.size(), ex.getMessage());
        }
    }

    /** coturn's long-term credential key: hex MD5 of {@code username:realm:password} (RFC 5389 §15.4). */
    static String hmacKey(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((username + ":" + realm + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    private static String random(int bytes, boolean alphanumeric) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        return alphanumeric ? encoded.replace('-', 'x').replace('_', 'y') : encoded;
    }
}
