package com.linkwithmentor.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for user-service's token issuing, for tests of services that only verify tokens: a
 * real HTTP JWKS endpoint on a free local port and ES256 access tokens with the platform's claims.
 * Keys can be rotated, and tokens signed with a key the endpoint does not publish. It also issues
 * service tokens, directly or through a client-credentials endpoint ({@link #tokenUrl()}).
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String ISSUER = "linkwithmentor-user-service";

    public static final String AUDIENCE = "linkwithmentor";

    /** The audience of service tokens (client-credentials): services accept it, the public gateway does not. */
    public static final String SERVICE_AUDIENCE = "linkwithmentor-services";

    /** The secret every client of this issuer's token endpoint authenticates with: {@code "secret-" + client id}. */
    public static String clientSecret(String clientId) {
        return "secret-" + clientId;
    }

    private final HttpServer server;

    private final List<ECKey> publishedKeys = new CopyOnWriteArrayList<>();

    private final AtomicInteger jwksRequests = new AtomicInteger();

    private final AtomicInteger serviceTokensIssued = new AtomicInteger();

    private volatile ECKey signingKey;

    private TestTokenIssuer(HttpServer server) {
        this.server = server;
        this.signingKey = newKey();
        this.publishedKeys.add(signingKey);
    }

    public static TestTokenIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestTokenIssuer issuer = new TestTokenIssuer(server);
            server.createContext("/jwks", exchange -> {
                issuer.jwksRequests.incrementAndGet();
                Collection<JWK> keys = new ArrayList<>();
                issuer.publishedKeys.forEach(key -> keys.add(key.toPublicJWK()));
                byte[] body = new JWKSet(new ArrayList<>(keys)).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/token", issuer::serveClientCredentials);
            server.start();
            return issuer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A client-credentials token endpoint, as user-service's {@code POST /api/v1/auth/token}. */
    public String tokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** How many service tokens the token endpoint has issued. */
    public int serviceTokensIssued() {
        return serviceTokensIssued.get();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Signs new tokens with a fresh key and publishes it beside the old ones, as a key rotation does. */
    public void rotateKey() {
        signingKey = newKey();
        publishedKeys.add(signingKey);
    }

    /** A token builder for the user, with one role that is also the active one, valid for 15 minutes. */
    public Token token(UUID userId, String activeRole) {
        return new Token(userId, List.of(activeRole), activeRole);
    }

    /** Fluent description of one access token; {@link #sign()} produces the compact JWT. */
    public final class Token {

        private final UUID userId;

        private List<String> roles;

        private String activeRole;

        private String sessionId = UUID.randomUUID().toString();

        private String issuer = ISSUER;

        private String audience = AUDIENCE;

        private Instant issuedAt = Instant.now();

        private Duration lifetime = Duration.ofMinutes(15);

        private ECKey key = signingKey;

        private Token(UUID userId, List<String> roles, String activeRole) {
            this.userId = userId;
            this.roles = roles;
            this.activeRole = activeRole;
        }

        public Token roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Token activeRole(String activeRole) {
            this.activeRole = activeRole;
            return this;
        }

        public Token sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Token issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Token audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Token issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Token lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        /** Signs with a key the JWKS endpoint never publishes. */
        public Token signedWithUnknownKey() {
            this.key = newKey();
            return this;
        }

        public String sessionId() {
            return sessionId;
        }

        public String sign() {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("active_role", activeRole)
                .claim("sid", sessionId)
                .build();
            return signClaims(claims, key);
        }
    }

    /** A service token (client credentials): {@code sub} and {@code azp} name the service; no user, no role. */
    public ServiceToken serviceToken(String clientId, String... scopes) {
        return new ServiceToken(clientId, List.of(scopes));
    }

    /** Fluent description of one service token; {@link #sign()} produces the compact JWT. */
    public final class ServiceToken {

        private final String clientId;

        private final List<String> scopes;

        private String audience = SERVICE_AUDIENCE;

        private Instant issuedAt = Instant.now();

        private Duration lifetime = Duration.ofMinutes(5);

        private ServiceToken(String clientId, List<String> scopes) {
            this.clientId = clientId;
            this.scopes = scopes;
        }

        public ServiceToken audience(String audience) {
            this.audience = audience;
            return this;
        }

        public ServiceToken issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public ServiceToken lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public String sign() {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(clientId)
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", clientId)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .build();
            return signClaims(claims, signingKey);
        }
    }

    /**
     * {@code grant_type=client_credentials} with the client's id and secret in HTTP Basic or the
     * form; the requested {@code scope} is granted as asked (this issuer keeps no client registry).
     */
    private void serveClientCredentials(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String clientId = fields.get("client_id");
        String secret = fields.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        int status;
        String body;
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(fields.get("grant_type"))) {
            status = 400;
            body = "{\"error\":\"unsupported_grant_type\"}";
        }
        else if (clientId == null || !clientSecret(clientId).equals(secret)) {
            status = 401;
            body = "{\"error\":\"invalid_client\"}";
        }
        else {
            String scope = fields.getOrDefault("scope", "");
            String token = serviceToken(clientId, scope.isBlank() ? new String[0] : scope.trim().split("\\s+")).sign();
            serviceTokensIssued.incrementAndGet();
            status = 200;
            body = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\""
                    + scope + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String signClaims(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
