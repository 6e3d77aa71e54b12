@NullMarked
package com.linkwithmentor.moderation.appeal;

import org.jspecify.annotations.NullMarked;
