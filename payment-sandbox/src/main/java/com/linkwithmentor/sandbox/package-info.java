/**
 * The payment sandbox: a stand-in for a payment gateway, run as its own process under
 * {@code ./fleet up} and in payment-service's tests. It speaks HTTP like a gateway ({@code /v1/**},
 * bearer API key), settles payments when told through its control API ({@code /control/**}) or its
 * pay page ({@code /pay/{gateway_ref}}), and notifies asynchronously with HMAC-SHA256-signed
 * webhooks that it retries until they are accepted. State is in memory: a restart forgets it all.
 */
@NullMarked
package com.linkwithmentor.sandbox;

import org.jspecify.annotations.NullMarked;
