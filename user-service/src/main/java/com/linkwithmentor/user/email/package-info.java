@NullMarked
package com.linkwithmentor.user.email;

import org.jspecify.annotations.NullMarked;
