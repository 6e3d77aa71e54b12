/**
 * The fleet's API in one document at the edge: {@code GET /api-docs} is Swagger UI (from the
 * webjar) over {@code GET /api-docs/openapi.json}, which the gateway merges from every routed
 * service's own {@code /v3/api-docs}. Public, like the documents it is made of.
 */
@NullMarked
package com.linkwithmentor.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
