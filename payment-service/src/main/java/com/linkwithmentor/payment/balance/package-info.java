@NullMarked
package com.linkwithmentor.payment.balance;

import org.jspecify.annotations.NullMarked;
