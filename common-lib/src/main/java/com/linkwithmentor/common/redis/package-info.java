@NullMarked
package com.linkwithmentor.common.redis;

import org.jspecify.annotations.NullMarked;
