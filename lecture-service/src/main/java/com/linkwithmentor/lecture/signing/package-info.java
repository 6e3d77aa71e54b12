/**
 * Signed, expiring media URLs: an HMAC-SHA256 over the path, the viewer and the expiry, with a key
 * every instance shares ({@code LWM_MEDIA_SIGNING_KEY}; generated once into a local file for
 * development). A leaf: the course views sign cover and thumbnail URLs, the media feature checks them.
 */
@NullMarked
package com.linkwithmentor.lecture.signing;

import org.jspecify.annotations.NullMarked;
