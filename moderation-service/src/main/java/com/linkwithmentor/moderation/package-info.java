@NullMarked
package com.linkwithmentor.moderation;

import org.jspecify.annotations.NullMarked;
