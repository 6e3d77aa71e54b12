package com.linkwithmentor.user.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.user.account.AccountService;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;
import com.linkwithmentor.user.auth.AuthService;
import com.linkwithmentor.user.auth.TokenResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in with Google by the OpenID Connect authorization-code flow with PKCE. State, nonce and
 * code verifier wait in Redis for ten minutes and are used once. The ID token's signature, issuer,
 * audience, expiry and nonce are checked; only a verified email is trusted, and an existing
 * account with that email is linked rather than duplicated.
 */
@Service
class GoogleSignIn {

    private static final Logger log = LoggerFactory.getLogger(GoogleSignIn.class);

    private static final Duration STATE_TTL = Duration.ofMinutes(10);

    private final OidcProperties properties;

    private final StatefulRedisConnection<String, String> redis;

    private final JsonMapper json;

    private final UserRepository users;

    private final AccountService accounts;

    private final AuthService auth;

    private volatile OIDCProviderMetadata provider;

    private volatile IDTokenValidator validator;

    GoogleSignIn(OidcProperties properties, StatefulRedisConnection<String, String> redis, JsonMapper json,
            UserRepository users, AccountService accounts, AuthService auth) {
        this.properties = properties;
        this.redis = redis;
        this.json = json;
        this.users = users;
        this.accounts = accounts;
        this.auth = auth;
    }

    record PendingSignIn(String nonce, String codeVerifier) {
    }

    /** Where to send the browser to sign in with Google. */
    URI authorizationUrl() {
        OIDCProviderMetadata metadata = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        redis.sync().set("oidc_state:" + state.getValue(),
                json.writeValueAsString(new PendingSignIn(nonce.getValue(), verifier.getValue())),
                SetArgs.Builder.ex(STATE_TTL));
        return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "email", "profile"),
                new ClientID(properties.clientId()), URI.create(properties.redirectUri()))
            .endpointURI(metadata.getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build()
            .toURI();
    }

    /** Completes the flow: exchanges the code, checks the ID token, finds or creates the account. */
    TokenResponse complete(String code, String state) {
        String pendingJson = redis.sync().getdel("oidc_state:" + state);
        if (pendingJson == null) {
            throw ApiException.badRequest("state", "The sign-in attempt is unknown or has expired; start again");
        }
        PendingSignIn pending = json.readValue(pendingJson, PendingSignIn.class);
        JWTClaimsSet claims = exchange(code, pending);
        Object verified = claims.getClaim("email_verified");
        String email = (String) claims.getClaim("email");
        if (email == null || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw ApiException.forbidden("Google did not confirm this account's email address; it cannot be used to sign in");
        }
        String subject = claims.getSubject();
        User user = users.findByGoogleSubject(subject)
            .or(() -> linkByEmail(email, subject))
            .orElseGet(() -> accounts.registerFromGoogle(email, subject, email.substring(0, email.indexOf('@'))));
        user.requireActive();
        return auth.startSession(user, user.loginRole(null));
    }

    private Optional<User> linkByEmail(String email, String subject) {
        return users.findByEmail(email).map(user -> {
            if (user.googleSubject() != null && !user.googleSubject().equals(subject)) {
                throw ApiException.conflict("This email's account is linked to another Google identity");
            }
            user.linkGoogle(subject);
            users.update(user);
            return user;
        });
    }

    private JWTClaimsSet exchange(String code, PendingSignIn pending) {
        OIDCProviderMetadata metadata = provider();
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(properties.clientId()), new Secret(properties.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(properties.redirectUri()),
                        new CodeVerifier(pending.codeVerifier())));
        com.nimbusds.oauth2.sdk.TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        }
        catch (IOException | ParseException ex) {
            log.warn("Google token endpoint failed: {}", ex.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Google sign-in is unavailable right now; try again");
        }
        if (!response.indicatesSuccess()) {
            throw ApiException.badRequest("code", "Google refused the sign-in code: "
                    + response.toErrorResponse().getErrorObject().getDescription());
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        try {
            return validator().validate(idToken, new Nonce(pending.nonce())).toJWTClaimsSet();
        }
        catch (Exception ex) {
            log.warn("Rejected a Google ID token: {}", ex.getMessage());
            throw ApiException.unauthorized("Google's ID token could not be verified");
        }
    }

    private OIDCProviderMetadata provider() {
        if (!properties.enabled()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Sign-in with Google is not configured on this server",
                    Map.of("setting", "LWM_GOOGLE_CLIENT_ID"));
        }
        OIDCProviderMetadata metadata = provider;
        if (metadata == null) {
            try {
                metadata = OIDCProviderMetadata.resolve(new Issuer(properties.issuer()));
            }
            catch (IOException | com.nimbusds.oauth2.sdk.GeneralException ex) {
                log.warn("Could not discover {}: {}", properties.issuer(), ex.getMessage());
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Google sign-in is unavailable right now; try again");
            }
            provider = metadata;
        }
        return metadata;
    }

    private IDTokenValidator validator() throws java.net.MalformedURLException {
        IDTokenValidator current = validator;
        if (current == null) {
            OIDCProviderMetadata metadata = provider();
            URL jwks = metadata.getJWKSetURI().toURL();
            current = new IDTokenValidator(metadata.getIssuer(), new ClientID(properties.clientId()), JWSAlgorithm.RS256, jwks);
            validator = current;
        }
        return current;
    }
}
