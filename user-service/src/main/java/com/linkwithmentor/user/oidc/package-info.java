@NullMarked
package com.linkwithmentor.user.oidc;

import org.jspecify.annotations.NullMarked;
