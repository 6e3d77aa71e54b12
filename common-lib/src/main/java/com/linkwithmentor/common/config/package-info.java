@NullMarked
package com.linkwithmentor.common.config;

import org.jspecify.annotations.NullMarked;
