@NullMarked
package com.linkwithmentor.payment.provider;

import org.jspecify.annotations.NullMarked;
