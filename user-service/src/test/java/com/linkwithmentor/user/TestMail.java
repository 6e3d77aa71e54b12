package com.linkwithmentor.user;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** A real SMTP server (GreenMail) shared by the test JVM; every service context sends to it. */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        DynamicPropertyRegistrar testMailProperties() {
            return registry -> {
                registry.add("spring.mail.host", () -> "127.0.0.1");
                registry.add("spring.mail.port", () -> server().getSmtp().getPort());
            };
        }
    }
}
