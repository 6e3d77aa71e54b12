@NullMarked
package com.linkwithmentor.chat.message;

import org.jspecify.annotations.NullMarked;
