@NullMarked
package com.linkwithmentor.moderation.report;

import org.jspecify.annotations.NullMarked;
