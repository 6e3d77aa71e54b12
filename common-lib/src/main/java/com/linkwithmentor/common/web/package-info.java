@NullMarked
package com.linkwithmentor.common.web;

import org.jspecify.annotations.NullMarked;
