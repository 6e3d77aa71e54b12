package com.linkwithmentor.user.account;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.Role;

/** Creating accounts and changing their roles: each change and its event commit together. */
@Service
public class AccountService {

    private final UserRepository users;

    private final PasswordEncoder passwords;

    private final AccountEvents events;

    private final ApplicationEventPublisher publisher;

    public AccountService(UserRepository users, PasswordEncoder passwords, AccountEvents events,
            ApplicationEventPublisher publisher) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.publisher = publisher;
    }

    @Transactional
    public User register(String username, String email, String password, @Nullable Set<Role> requestedRoles) {
        Set<Role> roles = requestedRoles == null || requestedRoles.isEmpty() ? EnumSet.of(Role.MENTEE)
                : EnumSet.copyOf(requestedRoles);
        if (roles.contains(Role.ADMIN)) {
            throw ApiException.badRequest("roles", "Nobody registers as admin; choose mentee and/or mentor");
        }
        PasswordPolicy.check("password", password, username, email);
        rejectTaken(username, email);
        return create(username, email, roles, passwords.encode(password), false, null);
    }

    /** Creates an account from a verified Google identity, with a username derived from the email. */
    @Transactional
    public User registerFromGoogle(String email, String googleSubject, String usernameHint) {
        String base = usernameHint.replaceAll("[^A-Za-z0-9_.-]", "").toLowerCase(java.util.Locale.ROOT);
        if (base.length() < 3) {
            base = "user" + base;
        }
        base = base.length() > 40 ? base.substring(0, 40) : base;
        String username = base;
        for (int attempt = 0; users.usernameTaken(username); attempt++) {
            username = base + "-" + UUID.randomUUID().toString().substring(0, 4 + attempt % 4);
        }
        return create(username, email, EnumSet.of(Role.MENTEE), null, true, googleSubject);
    }

    private User create(String username, String email, Set<Role> roles, @Nullable String hash, boolean verified,
            @Nullable String googleSubject) {
        User user;
        try {
            user = users.insert(username, email, roles, hash, verified, googleSubject);
        }
        catch (DuplicateKeyException ex) {
            // Lost a race with a concurrent registration. The transaction is aborted now (no query would
            // run), so the unique index the insert hit says which it was.
            String constraint = String.valueOf(ex.getMostSpecificCause().getMessage());
            if (constraint.contains("users_username_key")) {
                throw new ApiException(ErrorCode.CONFLICT, "The username '" + username + "' is taken",
                        Map.of("field", "username"));
            }
            if (constraint.contains("users_email_key")) {
                throw new ApiException(ErrorCode.CONFLICT, "An account with this email already exists",
                        Map.of("field", "email"));
            }
            throw ApiException.conflict("An account with this username or email already exists");
        }
        events.registered(user);
        publisher.publishEvent(new AccountChanged.Created(user.id(), user.email(), hash != null));
        for (Role role : roles) {
            publisher.publishEvent(new AccountChanged.RoleEnabled(user.id(), role));
        }
        return user;
    }

    private void rejectTaken(String username, String email) {
        if (users.usernameTaken(username)) {
            throw new ApiException(ErrorCode.CONFLICT, "The username '" + username + "' is taken", Map.of("field", "username"));
        }
        if (users.emailTaken(email)) {
            throw new ApiException(ErrorCode.CONFLICT, "An account with this email already exists", Map.of("field", "email"));
        }
    }

    @Transactional
    public User enableRole(UUID userId, Role role) {
        if (role == Role.ADMIN) {
            throw ApiException.forbidden("The admin role is granted by operators, not requested");
        }
        User user = users.lock(userId);
        if (user.enableRole(role)) {
            users.update(user);
            events.roleEnabled(user, role);
            publisher.publishEvent(new AccountChanged.RoleEnabled(userId, role));
        }
        return user;
    }

    @Transactional
    public User disableRole(UUID userId, Role role) {
        User user = users.lock(userId);
        user.disableRole(role);
        users.update(user);
        events.roleDisabled(user, role);
        return user;
    }
}
