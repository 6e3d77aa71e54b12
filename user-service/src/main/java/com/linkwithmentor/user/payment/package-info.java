@NullMarked
package com.linkwithmentor.user.payment;

import org.jspecify.annotations.NullMarked;
