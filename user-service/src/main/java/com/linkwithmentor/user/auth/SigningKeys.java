package com.linkwithmentor.user.auth;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys tokens are signed with. The newest signs; all are published in the JWKS, so a
 * rotation never invalidates tokens already out. Keys come from {@code lwm.auth.signing-keys} in
 * production; without it they are generated and stored in {@code signing_keys}, shared by every
 * instance, which is fit for development only.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcClient jdbc;

    private final AuthProperties properties;

    private final TransactionTemplate transactions;

    private volatile List<ECKey> keys = List.of();

    private volatile long lastReloadNanos;

    public SigningKeys(JdbcClient jdbc, AuthProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The key that signs new tokens. */
    public ECKey current() {
        List<ECKey> loaded = keys;
        if (loaded.isEmpty()) {
            loaded = reload();
        }
        return loaded.get(0);
    }

    /** Public halves of every key, for the JWKS endpoint and this service's own verification. */
    public JWKSet publicKeys() {
        if (keys.isEmpty()) {
            reload();
        }
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** Re-reads the keys (after a rotation by another instance, or when a token names an unknown key). */
    public synchronized List<ECKey> reload() {
        List<ECKey> loaded = properties.signingKeys().isBlank() ? transactions.execute(status -> fromDatabase())
                : fromConfiguration();
        keys = loaded;
        lastReloadNanos = System.nanoTime();
        return loaded;
    }

    /**
     * Reloads for a token that names a key this instance does not know (another instance rotated),
     * at most every ten seconds, so tokens with made-up key ids cannot hammer the database.
     */
    public JWKSet publicKeysAfterUnknownKey() {
        if (System.nanoTime() - lastReloadNanos > 10_000_000_000L) {
            reload();
        }
        return publicKeys();
    }

    /** Adds a new signing key; older ones stay published. Only for database-kept keys. */
    public ECKey rotate() {
        if (!properties.signingKeys().isBlank()) {
            throw new IllegalStateException("Keys come from configuration; rotate them there");
        }
        ECKey key = generate();
        jdbc.sql("INSERT INTO signing_keys (key_id, jwk) VALUES (?, ?)").params(key.getKeyID(), key.toJSONString()).update();
        reload();
        return key;
    }

    private List<ECKey> fromConfiguration() {
        try {
            List<ECKey> parsed = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(properties.signingKeys()).getKeys()) {
                parsed.add(jwk.toECKey());
            }
            if (parsed.isEmpty() || !parsed.get(0).isPrivate()) {
                throw new IllegalStateException("lwm.auth.signing-keys must hold at least one private EC key");
            }
            return List.copyOf(parsed);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("lwm.auth.signing-keys is not a JWK set", ex);
        }
    }

    private List<ECKey> fromDatabase() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.signing_keys'))").query().singleRow();
        List<String> stored = jdbc.sql("SELECT jwk FROM signing_keys ORDER BY created_at DESC, key_id").query(String.class).list();
        if (stored.isEmpty()) {
            log.warn("No lwm.auth.signing-keys configured: generated a signing key and stored it in the database. "
                    + "Configure LWM_AUTH_SIGNING_KEYS in production.");
            ECKey key = generate();
            jdbc.sql("INSERT INTO signing_keys (key_id, jwk) VALUES (?, ?)").params(key.getKeyID(), key.toJSONString()).update();
            return List.of(key);
        }
        List<ECKey> parsed = new ArrayList<>();
        for (String json : stored) {
            try {
                parsed.add(ECKey.parse(json));
            }
            catch (ParseException ex) {
                throw new IllegalStateException("A stored signing key is corrupt", ex);
            }
        }
        return List.copyOf(parsed);
    }

    static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
