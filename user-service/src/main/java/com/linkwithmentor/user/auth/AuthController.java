package com.linkwithmentor.user.auth;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.common.security.Role;

/** Tokens: login, refresh, logout, role switch, and the public keys that verify them. */
@RestController
class AuthController {

    private final AuthService auth;

    private final SigningKeys keys;

    AuthController(AuthService auth, SigningKeys keys) {
        this.auth = auth;
        this.keys = keys;
    }

    record LoginRequest(@NotBlank @Size(max = 255) String login, @NotNull @Size(max = 128) String password,
            @Nullable Role activeRole) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record SwitchRoleRequest(@NotNull Role role) {
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request.login().trim(), request.password(), request.activeRole(), http.getRemoteAddr());
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(CurrentUser caller) {
        auth.logout(caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/auth/switch-role")
    TokenResponse switchRole(@Valid @RequestBody SwitchRoleRequest request, CurrentUser caller) {
        return auth.switchRole(caller, request.role());
    }

    @PublicEndpoint
    @GetMapping("/api/v1/auth/jwks")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic())
            .body(keys.publicKeys().toJSONObject());
    }
}
