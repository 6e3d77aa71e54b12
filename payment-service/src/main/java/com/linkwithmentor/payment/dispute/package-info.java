@NullMarked
package com.linkwithmentor.payment.dispute;

import org.jspecify.annotations.NullMarked;
