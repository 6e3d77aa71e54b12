@NullMarked
package com.linkwithmentor.payment.payout;

import org.jspecify.annotations.NullMarked;
