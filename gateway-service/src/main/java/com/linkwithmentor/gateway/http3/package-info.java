@NullMarked
package com.linkwithmentor.gateway.http3;

import org.jspecify.annotations.NullMarked;
