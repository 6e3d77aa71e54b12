@NullMarked
package com.linkwithmentor.payment.events;

import org.jspecify.annotations.NullMarked;
