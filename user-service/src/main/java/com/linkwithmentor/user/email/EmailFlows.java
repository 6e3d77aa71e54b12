package com.linkwithmentor.user.email;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.user.account.AccountChanged;
import com.linkwithmentor.user.account.PasswordPolicy;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;
import com.linkwithmentor.user.auth.AuthProperties;
import com.linkwithmentor.user.auth.AuthService;

/**
 * Email verification and password reset by emailed single-use links, queued in the
 * {@link MailOutbox} so a mail outage delays them rather than failing the request. A reset request
 * answers the same whether or not the address has an account; a completed reset ends every session.
 */
@Service
class EmailFlows {

    private static final Logger log = LoggerFactory.getLogger(EmailFlows.class);

    static final Duration VERIFY_VALIDITY = Duration.ofHours(24);

    static final Duration RESET_VALIDITY = Duration.ofMinutes(30);

    private final OneTimeTokens tokens;

    private final UserRepository users;

    private final MailOutbox outbox;

    private final PasswordEncoder passwords;

    private final AuthService auth;

    private final AuthProperties properties;

    EmailFlows(OneTimeTokens tokens, UserRepository users, MailOutbox outbox, PasswordEncoder passwords,
            AuthService auth, AuthProperties properties) {
        this.tokens = tokens;
        this.users = users;
        this.outbox = outbox;
        this.passwords = passwords;
        this.auth = auth;
        this.properties = properties;
    }

    /** A new password account gets its verification email once the account has committed. */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onCreated(AccountChanged.Created created) {
        if (created.viaPassword()) {
            try {
                sendVerification(created.userId());
            }
            catch (RuntimeException ex) {
                log.warn("Registration of {} succeeded but its verification email did not go out; the user can ask again",
                        created.userId());
            }
        }
    }

    @Transactional
    public void sendVerification(UUID userId) {
        User user = users.get(userId);
        if (user.emailVerified()) {
            throw ApiException.conflict("The email address is already verified");
        }
        String token = tokens.issue(user.id(), user.email(), OneTimeTokens.Purpose.VERIFY_EMAIL, VERIFY_VALIDITY);
        outbox.queue(user.email(), "Confirm your email for LinkWithMentor", """
                Hello %s,

                Confirm this address by opening:
                %s/api/v1/auth/verify-email?token=%s

                The link works once, for 24 hours. If you did not sign up, ignore this email.
                """.formatted(user.username(), properties.publicBaseUrl(), token));
    }

    @Transactional
    public User verify(String token) {
        OneTimeTokens.Claimed claimed = tokens.claim(token, OneTimeTokens.Purpose.VERIFY_EMAIL)
            .orElseThrow(() -> ApiException.badRequest("token", "The verification link is invalid, used or expired"));
        User user = users.lock(claimed.userId());
        if (!user.email().equalsIgnoreCase(claimed.email())) {
            throw ApiException.badRequest("token", "The verification link was for an earlier email address");
        }
        user.verifyEmail();
        users.update(user);
        return user;
    }

    @Transactional
    public void requestReset(String email) {
        users.findByEmail(email).ifPresent(user -> {
            String token = tokens.issue(user.id(), user.email(), OneTimeTokens.Purpose.RESET_PASSWORD, RESET_VALIDITY);
            outbox.queue(user.email(), "Reset your LinkWithMentor password", """
                    Hello %s,

                    Choose a new password by opening:
                    %s/reset-password?token=%s

                    The link works once, for 30 minutes. If you did not ask for this, ignore this email;
                    your password stays as it is.
                    """.formatted(user.username(), properties.publicBaseUrl(), token));
        });
    }

    @Transactional
    public void reset(String token, String newPassword) {
        OneTimeTokens.Claimed claimed = tokens.claim(token, OneTimeTokens.Purpose.RESET_PASSWORD)
            .orElseThrow(() -> ApiException.badRequest("token", "The reset link is invalid, used or expired"));
        User user = users.lock(claimed.userId());
        PasswordPolicy.check("new_password", newPassword, user.username(), user.email());
        user.changePassword(passwords.encode(newPassword));
        user.verifyEmail();
        users.update(user);
        auth.revokeAllSessions(user.id());
    }
}
