package com.linkwithmentor.lecture.course;

/** Where a lecture's video is: {@code awaiting_upload → uploaded → processing → ready | failed}. */
public enum LectureStatus {
    AWAITING_UPLOAD, UPLOADED, PROCESSING, READY, FAILED;

    static final class Column extends LowerCaseEnum<LectureStatus> {
        Column() {
            super(LectureStatus.class);
        }
    }
}
