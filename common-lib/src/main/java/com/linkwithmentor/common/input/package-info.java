/**
 * What a request may carry, decided once at the edge of every service rather than per repository:
 * text without NUL characters or unpaired surrogates (PostgreSQL refuses the first, and the second
 * would be stored changed), no nulls inside lists, and numbers and instants within what the
 * database can hold. Bad input is a 400 naming the field, before it reaches any SQL.
 */
@NullMarked
package com.linkwithmentor.common.input;

import org.jspecify.annotations.NullMarked;
