/** Checks a servlet service's OpenAPI document, and a socket's AsyncAPI document, against what the code really serves. */
@NullMarked
package com.linkwithmentor.testsupport.apidocs;

import org.jspecify.annotations.NullMarked;
