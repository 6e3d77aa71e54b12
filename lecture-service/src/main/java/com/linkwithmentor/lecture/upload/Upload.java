package com.linkwithmentor.lecture.upload;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/** One tus upload: how long the file is, how much has arrived, and what it turned out to be. */
@Entity
@Table(name = "uploads")
class Upload {

    @Id
    private UUID uploadId;

    private UUID lectureId;

    private UUID ownerId;

    private long uploadLength;

    private long uploadOffset;

    private @Nullable String metadata;

    @Convert(converter = UploadStatus.Column.class)
    private UploadStatus status;

    private @Nullable String detectedType;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant expiresAt;

    protected Upload() {
    }

    static Upload start(UUID lectureId, UUID ownerId, long length, @Nullable String metadata, Instant now, Instant expires) {
        Upload upload = new Upload();
        upload.uploadId = UUID.randomUUID();
        upload.lectureId = lectureId;
        upload.ownerId = ownerId;
        upload.uploadLength = length;
        upload.metadata = metadata;
        upload.status = UploadStatus.RECEIVING;
        upload.createdAt = now;
        upload.updatedAt = now;
        upload.expiresAt = expires;
        return upload;
    }

    /** Bytes written at the current offset (possibly fewer than sent, when the connection dropped). */
    void advance(long written, Instant now) {
        if (status != UploadStatus.RECEIVING) {
            throw ApiException.conflict("The upload is " + status.name().toLowerCase() + "; no more bytes are accepted");
        }
        if (uploadOffset + written > uploadLength) {
            throw new IllegalStateException("offset past the upload length");
        }
        uploadOffset += written;
        updatedAt = now;
    }

    void sniffed(String type) {
        this.detectedType = type;
    }

    void complete(Instant now) {
        status = UploadStatus.COMPLETE;
        updatedAt = now;
    }

    void refuse(String type, Instant now) {
        detectedType = type;
        status = UploadStatus.REFUSED;
        updatedAt = now;
    }

    void terminate(Instant now) {
        status = UploadStatus.TERMINATED;
        updatedAt = now;
    }

    boolean isFinished() {
        return uploadOffset == uploadLength;
    }

    UUID uploadId() {
        return uploadId;
    }

    UUID lectureId() {
        return lectureId;
    }

    UUID ownerId() {
        return ownerId;
    }

    long length() {
        return uploadLength;
    }

    long offset() {
        return uploadOffset;
    }

    UploadStatus status() {
        return status;
    }

    @Nullable String detectedType() {
        return detectedType;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
