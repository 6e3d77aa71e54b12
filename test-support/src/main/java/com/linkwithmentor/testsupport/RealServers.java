package com.linkwithmentor.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Gives a Spring test class its own empty PostgreSQL database and its own Redis logical database
 * on the real test servers ({@link TestServers}), wired as {@code spring.datasource.*} and
 * {@code lwm.redis.url}. The context is closed after the class, so no background worker of one
 * class touches the next class's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
public @interface RealServers {
}
