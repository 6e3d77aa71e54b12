@NullMarked
package com.linkwithmentor.gateway.auth;

import org.jspecify.annotations.NullMarked;
