@NullMarked
package com.linkwithmentor.chat.moderation;

import org.jspecify.annotations.NullMarked;
