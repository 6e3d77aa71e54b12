@NullMarked
package com.linkwithmentor.user.admin;

import org.jspecify.annotations.NullMarked;
