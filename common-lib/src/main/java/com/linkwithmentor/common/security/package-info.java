@NullMarked
package com.linkwithmentor.common.security;

import org.jspecify.annotations.NullMarked;
