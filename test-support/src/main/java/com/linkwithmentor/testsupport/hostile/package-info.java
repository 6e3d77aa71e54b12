/**
 * The hostile-input probe: every endpoint a servlet service exposes, read from its handler mappings,
 * sent generated junk (bodies, parameters, path ids, headers), and judged by one rule: no 5xx, every
 * error an ApiError body, and nothing of the server's insides echoed back.
 */
@NullMarked
package com.linkwithmentor.testsupport.hostile;

import org.jspecify.annotations.NullMarked;
