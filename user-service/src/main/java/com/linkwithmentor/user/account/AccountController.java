package com.linkwithmentor.user.account;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.common.security.Role;

/** Registration, reading accounts, and enabling or disabling roles. */
@RestController
class AccountController {

    private final AccountService accounts;

    private final UserRepository users;

    AccountController(AccountService accounts, UserRepository users) {
        this.accounts = accounts;
        this.users = users;
    }

    record RegisterRequest(
            @NotBlank @Size(min = 3, max = 50) @Pattern(regexp = "[A-Za-z0-9_.-]+",
                    message = "may contain only letters, digits, '.', '_' and '-'") String username,
            @NotBlank @Size(max = 255) @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") String email,
            @NotNull @Size(max = 128) String password,
            @Nullable Set<Role> roles) {
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        User user = accounts.register(request.username().trim(), request.email().trim(), request.password(), request.roles());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserView.full(user));
    }

    @GetMapping("/api/v1/users/me")
    UserView me(CurrentUser caller) {
        return UserView.full(users.get(caller.id()));
    }

    @GetMapping("/api/v1/users/{user_id}")
    UserView read(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        User user = users.get(userId);
        return caller.is(userId) || caller.isAdmin() ? UserView.full(user) : UserView.publicPart(user);
    }

    @PostMapping("/api/v1/users/{user_id}/roles/mentor")
    UserView enableMentor(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return UserView.full(accounts.enableRole(existing(userId), Role.MENTOR));
    }

    @PostMapping("/api/v1/users/{user_id}/roles/mentee")
    UserView enableMentee(@PathVariable("user_id") UUID userId, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return UserView.full(accounts.enableRole(existing(userId), Role.MENTEE));
    }

    @DeleteMapping("/api/v1/users/{user_id}/roles/{role}")
    UserView disableRole(@PathVariable("user_id") UUID userId, @PathVariable("role") String role, CurrentUser caller) {
        caller.requireSelfOrAdmin(userId);
        return UserView.full(accounts.disableRole(existing(userId), Role.fromWire(role)));
    }

    private UUID existing(UUID userId) {
        return users.get(userId).id();
    }
}
