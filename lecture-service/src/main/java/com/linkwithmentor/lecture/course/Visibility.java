package com.linkwithmentor.lecture.course;

/** Who finds a course: its mentor only (draft), everyone in browse and search (published), or those with the link (unlisted). */
public enum Visibility {
    DRAFT, PUBLISHED, UNLISTED;

    static final class Column extends LowerCaseEnum<Visibility> {
        Column() {
            super(Visibility.class);
        }
    }
}
