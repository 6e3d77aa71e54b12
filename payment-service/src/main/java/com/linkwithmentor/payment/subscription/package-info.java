@NullMarked
package com.linkwithmentor.payment.subscription;

import org.jspecify.annotations.NullMarked;
