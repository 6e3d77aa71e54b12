package com.linkwithmentor.common.security;

import java.util.Set;

/**
 * Another service calling with its own credential (a client-credentials token): which service, and
 * the scopes user-service granted it. It never carries a user or a role.
 */
public record ServiceCaller(String clientId, Set<String> scopes) implements Caller {

    public ServiceCaller {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
