@NullMarked
package com.linkwithmentor.payment.reconciliation;

import org.jspecify.annotations.NullMarked;
