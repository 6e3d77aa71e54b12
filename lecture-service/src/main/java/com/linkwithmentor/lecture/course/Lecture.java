package com.linkwithmentor.lecture.course;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * One lecture of a course and the state of its video: {@code awaiting_upload → uploaded →
 * processing (progress %) → ready | failed (reason)}. A new upload may replace the video at any
 * time after the first; the previous media stays playable until the new one is ready. Only the
 * changed columns are written, so a mentor's edit and the transcoder's progress never overwrite
 * each other.
 */
@Entity
@Table(name = "lectures")
@DynamicUpdate
public class Lecture {

    @Id
    private UUID lectureId;

    private UUID courseId;

    private String title;

    private String description;

    private int position;

    private boolean freePreview;

    @Convert(converter = LectureStatus.Column.class)
    private LectureStatus status;

    private int progressPercent;

    private @Nullable Long durationMs;

    private @Nullable Integer sourceHeight;

    private @Nullable String failureReason;

    private @Nullable String thumbnailKey;

    private @Nullable String mediaPrefix;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "lecture_renditions", joinColumns = @JoinColumn(name = "lecture_id"))
    @OrderBy("height")
    private List<Rendition> renditions = new ArrayList<>();

    private Instant createdAt;

    private Instant updatedAt;

    protected Lecture() {
    }

    public static Lecture create(Course course, String title, String description, int position, boolean freePreview,
            Instant now) {
        Lecture lecture = new Lecture();
        lecture.lectureId = UUID.randomUUID();
        lecture.courseId = course.courseId();
        lecture.status = LectureStatus.AWAITING_UPLOAD;
        lecture.createdAt = now;
        lecture.describe(title, description, position, freePreview, now);
        return lecture;
    }

    public void describe(String title, String description, int position, boolean freePreview, Instant now) {
        this.title = title.strip();
        this.description = description.strip();
        this.position = position;
        this.freePreview = freePreview;
        this.updatedAt = now;
    }

    /** A complete upload arrived: the video waits for a transcoding worker. */
    public void uploaded(Instant now) {
        if (status == LectureStatus.PROCESSING) {
            throw ApiException.conflict("The lecture's previous upload is being transcoded; wait until it is ready or failed");
        }
        status = LectureStatus.UPLOADED;
        progressPercent = 0;
        failureReason = null;
        updatedAt = now;
    }

    /** A worker took the job (again, after a crash). */
    public void processing(Instant now) {
        status = LectureStatus.PROCESSING;
        progressPercent = 0;
        failureReason = null;
        updatedAt = now;
    }

    public void progress(int percent, Instant now) {
        if (status == LectureStatus.PROCESSING) {
            progressPercent = Math.max(0, Math.min(99, percent));
            updatedAt = now;
        }
    }

    /** The ladder is in storage: the lecture plays from {@code mediaPrefix}. */
    public void ready(long durationMs, int sourceHeight, List<Rendition> ladder, String mediaPrefix,
            @Nullable String thumbnailKey, Instant now) {
        this.status = LectureStatus.READY;
        this.progressPercent = 100;
        this.durationMs = durationMs;
        this.sourceHeight = sourceHeight;
        this.renditions.clear();
        this.renditions.addAll(ladder);
        this.mediaPrefix = mediaPrefix;
        this.thumbnailKey = thumbnailKey;
        this.failureReason = null;
        this.updatedAt = now;
    }

    public void fail(String reason, Instant now) {
        this.status = LectureStatus.FAILED;
        this.failureReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        this.updatedAt = now;
    }

    /** Whether it can be played: some transcoded media exists (a replacement may be in progress). */
    public boolean isPlayable() {
        return mediaPrefix != null;
    }

    public UUID lectureId() {
        return lectureId;
    }

    public UUID courseId() {
        return courseId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public int position() {
        return position;
    }

    public boolean freePreview() {
        return freePreview;
    }

    public LectureStatus status() {
        return status;
    }

    public int progressPercent() {
        return progressPercent;
    }

    public @Nullable Long durationMs() {
        return durationMs;
    }

    public @Nullable String failureReason() {
        return failureReason;
    }

    public @Nullable String thumbnailKey() {
        return thumbnailKey;
    }

    public @Nullable String mediaPrefix() {
        return mediaPrefix;
    }

    public List<Rendition> renditions() {
        return List.copyOf(renditions);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
