/**
 * Playback: the signed URL of a lecture's master playlist for whoever may watch it, and
 * {@code /media/**} serving playlists (rewritten so every entry carries its own signature for the
 * same viewer and expiry), segments and images from the blob store, with byte ranges and cache
 * headers fit for a CDN. The signature is the key: the path is public at the gateway and here.
 */
@NullMarked
package com.linkwithmentor.lecture.media;

import org.jspecify.annotations.NullMarked;
