@NullMarked
package com.linkwithmentor.payment.ledger;

import org.jspecify.annotations.NullMarked;
