@NullMarked
package com.linkwithmentor.user.auth;

import org.jspecify.annotations.NullMarked;
