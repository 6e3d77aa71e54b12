package com.linkwithmentor.common.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method (or every method of a controller) as callable by other services: a
 * service token must carry every scope named. Without {@code users = true} it is service-only and a
 * user's token is refused (403). An endpoint without this mark refuses service tokens.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireScope {

    /** The scopes a service token must carry, all of them. */
    String[] value();

    /** Whether user tokens are accepted too (their own authorisation is then the controller's job). */
    boolean users() default false;
}
