@NullMarked
package com.linkwithmentor.user.profile;

import org.jspecify.annotations.NullMarked;
