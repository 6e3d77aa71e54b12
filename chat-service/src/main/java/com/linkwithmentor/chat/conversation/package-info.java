@NullMarked
package com.linkwithmentor.chat.conversation;

import org.jspecify.annotations.NullMarked;
