/** What every feature's web layer shares: the plain-text rule for shown text, and the 409 for a concurrent change. */
@NullMarked
package com.linkwithmentor.lecture.web;

import org.jspecify.annotations.NullMarked;
