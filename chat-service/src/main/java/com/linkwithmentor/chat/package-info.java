@NullMarked
package com.linkwithmentor.chat;

import org.jspecify.annotations.NullMarked;
