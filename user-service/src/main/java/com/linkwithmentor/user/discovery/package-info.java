@NullMarked
package com.linkwithmentor.user.discovery;

import org.jspecify.annotations.NullMarked;
