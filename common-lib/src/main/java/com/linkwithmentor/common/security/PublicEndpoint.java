package com.linkwithmentor.common.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method (or every method of a controller) as reachable without a token. The
 * service's security rules are derived from these marks ({@link PublicEndpoints}), and the gateway's
 * route table must list the same requests as public: a contract test in each service compares them.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicEndpoint {
}
