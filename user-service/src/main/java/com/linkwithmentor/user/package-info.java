@NullMarked
package com.linkwithmentor.user;

import org.jspecify.annotations.NullMarked;
