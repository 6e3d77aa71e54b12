@NullMarked
package com.linkwithmentor.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
