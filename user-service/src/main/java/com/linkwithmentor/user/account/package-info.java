@NullMarked
package com.linkwithmentor.user.account;

import org.jspecify.annotations.NullMarked;
