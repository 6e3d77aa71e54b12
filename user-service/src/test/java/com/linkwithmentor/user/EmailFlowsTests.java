package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Email verification and password reset through a real SMTP server. */
@UserServiceTest
class EmailFlowsTests {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void registeringSendsAVerificationLinkThatWorksOnce() throws Exception {
        Api.Session user = api.newUser();
        String token = tokenMailedTo(user.email(), "Confirm your email");

        Api.Reply verified = api.post("/api/v1/auth/verify-email", Map.of("token", token), null).expect(200);
        assertThat(verified.body().path("email_verified").asBoolean()).isTrue();
        api.post("/api/v1/auth/verify-email", Map.of("token", token), null).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/auth/verify-email/request", null, user.accessToken()).expectError(409, "CONFLICT");
    }

    @Test
    void aMadeUpVerificationTokenIsRefused() {
        api.post("/api/v1/auth/verify-email", Map.of("token", "forged-token"), null).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void aPasswordResetEndsEverySessionAndTheNewPasswordWorks() throws Exception {
        Api.Session user = api.newUser();
        api.post("/api/v1/auth/password-reset/request", Map.of("email", user.email()), null).expect(202);
        String token = tokenMailedTo(user.email(), "Reset your");

        api.post("/api/v1/auth/password-reset", Map.of("token", token, "new_password", "short"), null)
            .expectError(400, "VALIDATION_ERROR");
        // The failed attempt above did not use the token up (its transaction rolled back).
        api.post("/api/v1/auth/password-reset", Map.of("token", token, "new_password", "brand-new-secret-9"), null)
            .expect(204);

        api.get("/api/v1/users/me", user.accessToken()).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expectError(401, "UNAUTHORIZED");
        api.login(user.username(), user.password()).expectError(401, "UNAUTHORIZED");
        api.login(user.username(), "brand-new-secret-9").expect(200);
        api.post("/api/v1/auth/password-reset", Map.of("token", token, "new_password", "another-secret-10"), null)
            .expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void aResetRequestForAnUnknownEmailLooksTheSameAndSendsNothing() throws Exception {
        int before = TestMail.server().getReceivedMessages().length;
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/auth/password-reset/request", Map.of("email", email), null).expect(202);
        Thread.sleep(300);
        assertThat(TestMail.server().getReceivedMessages().length).isEqualTo(before);
    }

    private String tokenMailedTo(String email, String subjectStart) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : TestMail.server().getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email)
                        && message.getSubject().startsWith(subjectStart)) {
                    Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(message));
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No '" + subjectStart + "' email reached " + email);
    }
}
