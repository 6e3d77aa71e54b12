/**
 * Real PostgreSQL 18 and Redis servers for tests: never H2, never a mocked Redis.
 */
@NullMarked
package com.linkwithmentor.testsupport;

import org.jspecify.annotations.NullMarked;
