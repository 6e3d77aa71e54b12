@NullMarked
package com.linkwithmentor.moderation.policy;

import org.jspecify.annotations.NullMarked;
