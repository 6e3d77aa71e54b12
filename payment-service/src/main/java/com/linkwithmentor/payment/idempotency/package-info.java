@NullMarked
package com.linkwithmentor.payment.idempotency;

import org.jspecify.annotations.NullMarked;
