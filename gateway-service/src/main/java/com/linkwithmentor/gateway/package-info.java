@NullMarked
package com.linkwithmentor.gateway;

import org.jspecify.annotations.NullMarked;
