/**
 * What every feature's HTTP layer shares here: admin-only paths, the request body limit, cursors.
 */
@NullMarked
package com.linkwithmentor.moderation.web;

import org.jspecify.annotations.NullMarked;
