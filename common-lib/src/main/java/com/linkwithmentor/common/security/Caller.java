package com.linkwithmentor.common.security;

/**
 * Whoever a verified token speaks for: a signed-in user ({@link CurrentUser}) or another service
 * of the fleet ({@link ServiceCaller}). Endpoints that accept both take this as a parameter.
 */
public sealed interface Caller permits CurrentUser, ServiceCaller {
}
