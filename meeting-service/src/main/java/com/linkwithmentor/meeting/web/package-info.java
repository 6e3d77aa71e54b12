/**
 * The service's edge rules that every feature shares, beside common-lib's input rules (which
 * refuse NUL, unpaired surrogates, nulls in lists and absurd numbers in every JSON body and
 * parameter): bounded parsing of this service's query parameters, the text rule where the JSON
 * reader does not apply (multipart file names), and the mapping of database refusals (exclusion
 * constraints above all) to ApiErrors naming the conflict. Uses neither JPA nor JdbcClient.
 */
@NullMarked
package com.linkwithmentor.meeting.web;

import org.jspecify.annotations.NullMarked;
