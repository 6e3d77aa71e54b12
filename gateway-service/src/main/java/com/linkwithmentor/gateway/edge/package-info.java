@NullMarked
package com.linkwithmentor.gateway.edge;

import org.jspecify.annotations.NullMarked;
