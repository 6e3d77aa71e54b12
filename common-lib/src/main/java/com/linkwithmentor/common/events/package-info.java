@NullMarked
package com.linkwithmentor.common.events;

import org.jspecify.annotations.NullMarked;
