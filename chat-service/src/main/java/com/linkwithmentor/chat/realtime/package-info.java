@NullMarked
package com.linkwithmentor.chat.realtime;

import org.jspecify.annotations.NullMarked;
