package com.linkwithmentor.lecture.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * A course: a mentor's ordered lectures under one title and price (none: free). Its visibility
 * decides who finds it; the first time it leaves draft it is announced ({@code CoursePublished}).
 */
@Entity
@Table(name = "courses")
@DynamicUpdate
public class Course {

    @Id
    private UUID courseId;

    private UUID mentorId;

    private String title;

    private String description;

    private @Nullable BigDecimal priceAmount;

    private @Nullable String currency;

    @Convert(converter = Visibility.Column.class)
    private Visibility visibility;

    private @Nullable String coverKey;

    private @Nullable Instant publishedAt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Course() {
    }

    public static Course draft(UUID mentorId, String title, String description, @Nullable Money price, Instant now) {
        Course course = new Course();
        course.courseId = UUID.randomUUID();
        course.mentorId = mentorId;
        course.visibility = Visibility.DRAFT;
        course.createdAt = now;
        course.describe(title, description, price, now);
        return course;
    }

    /** New text and price; a price of 0 means free. */
    public void describe(String title, String description, @Nullable Money price, Instant now) {
        this.title = title.strip();
        this.description = description.strip();
        if (price == null || price.value().signum() == 0) {
            this.priceAmount = null;
            this.currency = null;
        }
        else {
            this.priceAmount = price.value();
            this.currency = price.currency();
        }
        this.updatedAt = now;
    }

    /**
     * Sets who finds the course. Returns whether this is its first publication (the caller
     * announces it). Text must have passed moderation before a course leaves draft.
     */
    public boolean show(Visibility target, Instant now) {
        boolean first = publishedAt == null && target != Visibility.DRAFT;
        if (target != Visibility.DRAFT && publishedAt == null) {
            publishedAt = now;
        }
        visibility = target;
        updatedAt = now;
        return first;
    }

    public void cover(@Nullable String key, Instant now) {
        this.coverKey = key;
        this.updatedAt = now;
    }

    public boolean isOwnedBy(UUID userId) {
        return mentorId.equals(userId);
    }

    /** Whether someone other than its mentor can see it at all (by id). */
    public boolean isVisible() {
        return visibility != Visibility.DRAFT;
    }

    public boolean isFree() {
        return priceAmount == null;
    }

    /** The owner edits; anyone else gets 404 for a draft (it does not exist for them) and 403 otherwise. */
    public Course requireOwner(UUID userId) {
        if (!isOwnedBy(userId)) {
            if (!isVisible()) {
                throw ApiException.notFound("Course");
            }
            throw ApiException.forbidden("Only the course's mentor may change it");
        }
        return this;
    }

    public UUID courseId() {
        return courseId;
    }

    public UUID mentorId() {
        return mentorId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public @Nullable Money price() {
        return priceAmount == null || currency == null ? null : Money.of(priceAmount, currency);
    }

    public Visibility visibility() {
        return visibility;
    }

    public @Nullable String coverKey() {
        return coverKey;
    }

    public @Nullable Instant publishedAt() {
        return publishedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
