@NullMarked
package com.linkwithmentor.payment.support;

import org.jspecify.annotations.NullMarked;
