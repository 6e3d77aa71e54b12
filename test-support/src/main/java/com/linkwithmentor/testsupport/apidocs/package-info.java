/** Checks a servlet service's OpenAPI document against what it really serves. */
@NullMarked
package com.linkwithmentor.testsupport.apidocs;

import org.jspecify.annotations.NullMarked;
