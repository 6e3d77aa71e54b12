@NullMarked
package com.linkwithmentor.chat.room;

import org.jspecify.annotations.NullMarked;
