package com.linkwithmentor.user.auth;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.user.account.UserView;

/** What a login, refresh, role switch or Google sign-in returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, @Nullable String refreshToken, String tokenType, long expiresIn,
        Role activeRole, UserView user) {
}
