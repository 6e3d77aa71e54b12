@NullMarked
package com.linkwithmentor.moderation.audit;

import org.jspecify.annotations.NullMarked;
