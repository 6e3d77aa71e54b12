@NullMarked
package com.linkwithmentor.moderation.event;

import org.jspecify.annotations.NullMarked;
