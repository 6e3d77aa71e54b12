/** What every feature's web layer shares: the text rule for request fields. */
@NullMarked
package com.linkwithmentor.lecture.web;

import org.jspecify.annotations.NullMarked;
