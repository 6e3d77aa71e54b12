package com.linkwithmentor.moderation.event;

import com.linkwithmentor.moderation.policy.Category;

/**
 * Where in the original text a violation was found: UTF-16 indexes, {@code end} exclusive, as
 * JavaScript's and Java's string indexes count.
 */
public record Match(Category category, int start, int end) {
}
