package com.linkwithmentor.lecture.upload;

import com.linkwithmentor.lecture.course.LowerCaseEnum;

/** {@code receiving} until every byte is in; then {@code complete} (handed to transcoding) or {@code refused} (not a video). */
enum UploadStatus {
    RECEIVING, COMPLETE, REFUSED, TERMINATED;

    static final class Column extends LowerCaseEnum<UploadStatus> {
        Column() {
            super(UploadStatus.class);
        }
    }
}
