@NullMarked
package com.linkwithmentor.moderation.enforcement;

import org.jspecify.annotations.NullMarked;
