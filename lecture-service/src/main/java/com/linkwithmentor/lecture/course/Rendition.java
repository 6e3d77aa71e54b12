package com.linkwithmentor.lecture.course;

import jakarta.persistence.Embeddable;

/** One rung of a lecture's HLS ladder. */
@Embeddable
public record Rendition(int height, int width, int bandwidth) {
}
