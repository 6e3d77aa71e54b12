/**
 * The OpenAPI document every servlet service serves at {@code /v3/api-docs} (springdoc): who may call
 * each operation (derived from {@code @PublicEndpoint} and {@code @RequireScope}), the ApiError
 * problem document on every error, and property names in snake_case as the JSON really is.
 */
@NullMarked
package com.linkwithmentor.common.openapi;

import org.jspecify.annotations.NullMarked;
