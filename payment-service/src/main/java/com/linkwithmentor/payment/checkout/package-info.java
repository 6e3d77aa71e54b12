@NullMarked
package com.linkwithmentor.payment.checkout;

import org.jspecify.annotations.NullMarked;
