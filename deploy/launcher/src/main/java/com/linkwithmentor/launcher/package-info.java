/**
 * What {@code ./fleet up} runs: PostgreSQL and Redis (embedded, or external ones named by environment
 * variables), then every built service module as its own {@code java -jar} process.
 */
@NullMarked
package com.linkwithmentor.launcher;

import org.jspecify.annotations.NullMarked;
