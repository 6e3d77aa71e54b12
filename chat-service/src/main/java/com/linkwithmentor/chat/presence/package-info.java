@NullMarked
package com.linkwithmentor.chat.presence;

import org.jspecify.annotations.NullMarked;
