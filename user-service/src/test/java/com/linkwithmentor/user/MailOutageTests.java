package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.RealServers;

/**
 * The mail server is down when a user registers: registration works all the same, readiness stays
 * UP, and the verification email goes out once the server is back.
 */
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lwm.auth.mail-retry-interval=300ms")
class MailOutageTests {

    static final int smtpPort = freePort();

    static GreenMail lateServer;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
    }

    @AfterAll
    static void stopMail() {
        if (lateServer != null) {
            lateServer.stop();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registrationWorksWhileMailIsDownAndTheEmailFollowsWhenItIsBack() throws Exception {
        Api api = new Api(port);
        Api.Session user = api.newUser();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(user.email()) >= 1);
        assertThat(api.get("/actuator/health/readiness", null).expect(200).text("status")).isEqualTo("UP");

        lateServer = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        lateServer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> lateServer.getReceivedMessages().length == 1);
        assertThat(lateServer.getReceivedMessages()[0].getSubject()).startsWith("Confirm your email");
        Integer erased = jdbc.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND sent_at IS NOT NULL AND body IS NULL")
            .param(user.email()).query(Integer.class).single();
        assertThat(erased).as("sent, and the one-time link is not kept").isEqualTo(1);
    }

    private int attempts(String email) {
        return jdbc.sql("SELECT coalesce(max(attempts), 0) FROM mail_outbox WHERE recipient = ?").param(email)
            .query(Integer.class).single();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
