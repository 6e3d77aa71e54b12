/**
 * Courses and their ordered lectures (Spring Data JPA: each entity owns its transitions), the
 * publish rule (text passes moderation), and browsing/search of published courses ({@code JdbcClient},
 * PostgreSQL full text).
 */
@NullMarked
package com.linkwithmentor.lecture.course;

import org.jspecify.annotations.NullMarked;
