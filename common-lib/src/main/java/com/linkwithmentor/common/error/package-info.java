@NullMarked
package com.linkwithmentor.common.error;

import org.jspecify.annotations.NullMarked;
