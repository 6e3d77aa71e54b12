package com.linkwithmentor.lecture.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.lecture.course.Course;
import com.linkwithmentor.lecture.course.CourseRepository;
import com.linkwithmentor.lecture.course.Lecture;
import com.linkwithmentor.lecture.course.LectureRepository;
import com.linkwithmentor.lecture.course.LectureStatus;
import com.linkwithmentor.lecture.transcode.TranscodeJobs;

/**
 * The upload's state in the database and its bytes in the staging directory. Once enough bytes are
 * in to tell (64 KB, or the whole file if smaller), the type is sniffed from the content: anything
 * but a video is refused there and then, without waiting for the rest. The last byte makes the
 * upload complete, the lecture {@code uploaded} and a transcode job queued, in one transaction.
 */
@Service
class Uploads {

    /** Enough of a file for content detection (container headers sit at the start). */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    private final UploadRepository uploads;

    private final LectureRepository lectures;

    private final CourseRepository courses;

    private final TranscodeJobs jobs;

    private final UploadProperties properties;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final Tika tika = new Tika();

    Uploads(UploadRepository uploads, LectureRepository lectures, CourseRepository courses, TranscodeJobs jobs,
            UploadProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.uploads = uploads;
        this.lectures = lectures;
        this.courses = courses;
        this.jobs = jobs;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        try {
            Files.createDirectories(properties.stagingDir());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the upload staging directory " + properties.stagingDir(), ex);
        }
    }

    record Outcome(long offset, @Nullable String refusedType) {
    }

    Upload create(UUID lectureId, UUID ownerId, long length, @Nullable String metadata) {
        Lecture lecture = ownLecture(lectureId, ownerId);
        if (lecture.status() == LectureStatus.PROCESSING) {
            throw ApiException.conflict("The lecture's previous upload is being transcoded; wait until it is ready or failed");
        }
        Instant now = clock.instant();
        Upload upload = Upload.start(lectureId, ownerId, length, metadata, now, now.plus(properties.expireAfter()));
        try {
            Files.deleteIfExists(staging(upload.uploadId()));
            Files.createFile(staging(upload.uploadId()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return transactions.execute(status -> uploads.save(upload));
    }

    /** The caller's upload to this lecture; anyone else's (or none) is a 404. */
    Upload find(UUID lectureId, UUID uploadId, UUID callerId) {
        return uploads.findById(uploadId)
            .filter(u -> u.lectureId().equals(lectureId) && u.ownerId().equals(callerId))
            .filter(u -> u.status() != UploadStatus.TERMINATED)
            .orElseThrow(() -> ApiException.notFound("Upload"));
    }

    Path staging(UUID uploadId) {
        return properties.stagingDir().resolve(uploadId + ".upload").toAbsolutePath().normalize();
    }

    /** Records {@code written} bytes at {@code offset}; sniffs, completes or refuses as the bytes allow. */
    Outcome advance(UUID uploadId, long offset, long written, Instant now) {
        Outcome outcome = transactions.execute(status -> {
            Upload upload = uploads.findById(uploadId).orElseThrow(() -> ApiException.notFound("Upload"));
            if (upload.offset() != offset) {
                throw ApiException.conflict("The upload moved on while this PATCH was written; resume from HEAD's offset");
            }
            upload.advance(written, now);
            if (upload.detectedType() == null && (upload.offset() >= SNIFF_BYTES || upload.isFinished())) {
                String type = sniff(staging(uploadId));
                if (!type.startsWith("video/")) {
                    upload.refuse(type, now);
                    uploads.save(upload);
                    return new Outcome(upload.offset(), type);
                }
                upload.sniffed(type);
            }
            if (upload.isFinished()) {
                upload.complete(now);
                Lecture lecture = lectures.findById(upload.lectureId()).orElseThrow(() -> ApiException.notFound("Lecture"));
                lecture.uploaded(now);
                lectures.save(lecture);
                jobs.enqueue(lecture.lectureId(), uploadId, staging(uploadId));
            }
            uploads.save(upload);
            return new Outcome(upload.offset(), null);
        });
        if (outcome.refusedType() != null) {
            deleteStaging(uploadId);
            log.info("refused upload {}: content is {}", uploadId, outcome.refusedType());
        }
        return outcome;
    }

    void terminate(UUID lectureId, UUID uploadId, UUID callerId) {
        Upload found = find(lectureId, uploadId, callerId);
        if (found.status() == UploadStatus.COMPLETE) {
            throw ApiException.conflict("The upload is complete and handed to transcoding; it can no longer be terminated");
        }
        transactions.executeWithoutResult(status -> {
            Upload upload = uploads.findById(uploadId).orElseThrow(() -> ApiException.notFound("Upload"));
            upload.terminate(clock.instant());
            uploads.save(upload);
        });
        deleteStaging(uploadId);
    }

    /** Unfinished uploads past their expiry lose their staged bytes. */
    @Scheduled(fixedDelayString = "${lwm.lectures.uploads.cleanup-interval:10m}", initialDelayString = "1m")
    void expire() {
        for (Upload upload : uploads.expired(UploadStatus.RECEIVING, clock.instant())) {
            transactions.executeWithoutResult(status -> {
                uploads.findById(upload.uploadId()).ifPresent(u -> {
                    u.terminate(clock.instant());
                    uploads.save(u);
                });
            });
            deleteStaging(upload.uploadId());
        }
    }

    private Lecture ownLecture(UUID lectureId, UUID ownerId) {
        Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        Course course = courses.findById(lecture.courseId()).orElseThrow(() -> ApiException.notFound("Lecture"));
        if (!course.isOwnedBy(ownerId)) {
            throw ApiException.notFound("Lecture");
        }
        return lecture;
    }

    private String sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            return tika.detect(head);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void deleteStaging(UUID uploadId) {
        try {
            Files.deleteIfExists(staging(uploadId));
        }
        catch (IOException ex) {
            log.warn("could not delete staged upload {}: {}", uploadId, ex.toString());
        }
    }
}
