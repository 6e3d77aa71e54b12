@NullMarked
package com.linkwithmentor.payment.transaction;

import org.jspecify.annotations.NullMarked;
