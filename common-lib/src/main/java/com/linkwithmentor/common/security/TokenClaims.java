package com.linkwithmentor.common.security;

/** Names of the claims in LinkWithMentor access tokens, shared by the issuer and every verifier. */
public final class TokenClaims {

    public static final String ROLES = "roles";

    public static final String ACTIVE_ROLE = "active_role";

    public static final String SESSION_ID = "sid";

    /** Service tokens: the client the token was issued to (RFC 9068), equal to {@code sub}. */
    public static final String CLIENT_ID = "client_id";

    /** Service tokens: the authorised party, equal to {@code sub}. */
    public static final String AUTHORIZED_PARTY = "azp";

    /** Service tokens: the granted scopes, space-separated (RFC 8693 / RFC 9068). */
    public static final String SCOPE = "scope";

    private TokenClaims() {
    }
}
