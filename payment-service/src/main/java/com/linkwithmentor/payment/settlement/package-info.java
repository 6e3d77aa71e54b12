@NullMarked
package com.linkwithmentor.payment.settlement;

import org.jspecify.annotations.NullMarked;
