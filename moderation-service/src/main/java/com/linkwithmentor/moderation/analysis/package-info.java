@NullMarked
package com.linkwithmentor.moderation.analysis;

import org.jspecify.annotations.NullMarked;
