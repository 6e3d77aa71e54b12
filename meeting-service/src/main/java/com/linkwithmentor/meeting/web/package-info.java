/**
 * The service's edge rules that every feature shares: text that PostgreSQL and people can store
 * (no NUL, no unpaired surrogate, refused at the JSON layer and in parameters), bounded parsing of
 * query parameters, and the mapping of database refusals (exclusion, uniqueness, bad characters)
 * and multipart failures to ApiErrors. Uses neither JPA nor JdbcClient.
 */
@NullMarked
package com.linkwithmentor.meeting.web;

import org.jspecify.annotations.NullMarked;
