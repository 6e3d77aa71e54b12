package com.linkwithmentor.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.linkwithmentor.testsupport.RealServers;

/** user-service booted on a random port against real PostgreSQL, Redis and the test SMTP server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lwm.auth.free-login-failures=3", "lwm.events.relay-interval=100ms" })
@Import(TestMail.Wiring.class)
public @interface UserServiceTest {
}
