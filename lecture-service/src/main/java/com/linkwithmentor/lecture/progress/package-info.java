/**
 * Watching progress ({@code JdbcClient}: the arithmetic is on intervals, the rows are plain): the
 * resume position, and completion from the merged watched intervals only (seeking to the end is
 * not watching; neither is claiming more watched time than has passed), a lecture complete at
 * 90 % watched, a course's completion weighted by lecture length; and the mentor's analytics.
 */
@NullMarked
package com.linkwithmentor.lecture.progress;

import org.jspecify.annotations.NullMarked;
