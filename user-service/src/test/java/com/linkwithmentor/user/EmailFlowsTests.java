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
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/auth/password-reset/request", Map.of("email", email), null).expect(202);
        // A request made after it for a real account is mailed: the queue has run past the first.
        Api.Session user = api.newUser();
        api.post("/api/v1/auth/password-reset/request", Map.of("email", user.email()), null).expect(202);
        tokenMailedTo(user.email(), "Reset your");
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void theLinkInTheEmailVerifiesTheAddressWhenOpened() throws Exception {
        Api.Session user = api.newUser();
        tokenMailedTo(user.email(), "Confirm your email");
        String body = GreenMailUtil.getBody(mailsTo(user.email()).get(0)).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = Pattern.compile("(http\\S+/api/v1/auth/verify-email\\?token=[A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as("a link in: " + body).isTrue();
        String path = link.group(1).replaceFirst("^https?://[^/]+", "");

        Api.Reply opened = api.get(path, null).expect(200);
        assertThat(opened.raw()).contains("Email verified", user.username());
        assertThat(opened.header("Content-Type")).startsWith("text/html");
        assertThat(api.get("/api/v1/users/me", user.accessToken()).expect(200).body().path("email_verified").asBoolean())
            .isTrue();
        api.get(path, null).expectError(400, "VALIDATION_ERROR");
    }

    private static java.util.List<MimeMessage> mailsTo(String email) throws Exception {
        java.util.List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage message : TestMail.server().getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email)) {
                found.add(message);
            }
        }
        return found;
    }

    private String tokenMailedTo(String email, String subjectStart) {
        return org.awaitility.Awaitility.await("a '" + subjectStart + "' email to " + email)
            .atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                for (MimeMessage message : mailsTo(email)) {
                    if (message.getSubject().startsWith(subjectStart)) {
                        Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(message));
                        if (matcher.find()) {
                            return matcher.group(1);
                        }
                    }
                }
                return null;
            }, java.util.Objects::nonNull);
    }
}
