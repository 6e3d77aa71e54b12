@NullMarked
package com.linkwithmentor.moderation.text;

import org.jspecify.annotations.NullMarked;
