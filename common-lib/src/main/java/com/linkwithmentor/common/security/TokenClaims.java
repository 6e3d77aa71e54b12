package com.linkwithmentor.common.security;

/** Names of the claims in LinkWithMentor access tokens, shared by the issuer and every verifier. */
public final class TokenClaims {

    public static final String ROLES = "roles";

    public static final String ACTIVE_ROLE = "active_role";

    public static final String SESSION_ID = "sid";

    private TokenClaims() {
    }
}
