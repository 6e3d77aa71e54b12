package com.linkwithmentor.user;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;

/**
 * Runs user-service from an IDE with nothing installed: a fresh database on the test PostgreSQL,
 * the test Redis, and GreenMail as the SMTP server (its messages are in memory).
 */
public final class TestUserServiceApplication {

    private TestUserServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("dev_user_service");
        new SpringApplicationBuilder(UserServiceApplication.class)
            .properties(Map.of(
                    "spring.datasource.url", postgres.jdbcUrl(database),
                    "spring.datasource.username", postgres.username(),
                    "spring.datasource.password", postgres.password(),
                    "lwm.redis.url", TestServers.redis().url(),
                    "spring.mail.host", "127.0.0.1",
                    "spring.mail.port", Integer.toString(TestMail.server().getSmtp().getPort()),
                    "LWM_LOG_FORMAT", "plain"))
            .run(args);
    }
}
