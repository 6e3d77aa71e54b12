@NullMarked
package com.linkwithmentor.gateway.routing;

import org.jspecify.annotations.NullMarked;
