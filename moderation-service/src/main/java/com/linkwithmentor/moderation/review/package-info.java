@NullMarked
package com.linkwithmentor.moderation.review;

import org.jspecify.annotations.NullMarked;
