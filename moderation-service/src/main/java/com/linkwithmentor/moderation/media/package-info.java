/**
 * Pictures and video frames, the facts the checks need that no downloaded model does: decoding
 * (sniffed PNG, JPEG or WebP), the PDQ perceptual hash, text read by tesseract, keyframes
 * extracted by FFmpeg from files under the media root. Judging those facts (the hash list, the
 * text pipeline) is the analysis feature's; this package knows no policy.
 */
@NullMarked
package com.linkwithmentor.moderation.media;

import org.jspecify.annotations.NullMarked;
