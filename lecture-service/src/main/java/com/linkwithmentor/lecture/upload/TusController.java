package com.linkwithmentor.lecture.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;

/**
 * The tus 1.0 endpoints for a lecture's video: {@code POST .../uploads} creates an upload
 * ({@code Upload-Length}) and answers {@code 201 Location}; {@code HEAD} tells the offset to resume
 * from; {@code PATCH} appends bytes at exactly that offset ({@code 409} otherwise); {@code DELETE}
 * terminates; {@code OPTIONS} describes the server. Every request but OPTIONS must say
 * {@code Tus-Resumable: 1.0.0} (412 otherwise). Only the lecture's mentor (active role MENTOR) uploads.
 */
@RestController
class TusController {

    static final String TUS_VERSION = "1.0.0";

    static final String EXTENSIONS = "creation,termination,expiration";

    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    private static final Logger log = LoggerFactory.getLogger(TusController.class);

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Uploads uploads;

    private final UploadProperties properties;

    private final Clock clock;

    TusController(Uploads uploads, UploadProperties properties, Clock clock) {
        this.uploads = uploads;
        this.properties = properties;
        this.clock = clock;
    }

    @RequestMapping(method = RequestMethod.OPTIONS, path = { "/api/v1/lectures/{lecture_id}/uploads",
            "/api/v1/lectures/{lecture_id}/uploads/{upload_id}" })
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent()
            .header("Tus-Resumable", TUS_VERSION)
            .header("Tus-Version", TUS_VERSION)
            .header("Tus-Max-Size", Long.toString(properties.maxSize().toBytes()))
            .header("Tus-Extension", EXTENSIONS)
            .header(HttpHeaders.ALLOW, "OPTIONS, POST, HEAD, PATCH, DELETE")
            .build();
    }

    @PostMapping("/api/v1/lectures/{lecture_id}/uploads")
    ResponseEntity<?> create(@PathVariable("lecture_id") UUID lectureId, CurrentUser caller,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable,
            @RequestHeader(name = "Upload-Length", required = false) @Nullable String length,
            @RequestHeader(name = "Upload-Defer-Length", required = false) @Nullable String defer,
            @RequestHeader(name = "Upload-Metadata", required = false) @Nullable String metadata,
            HttpServletRequest request) {
        ResponseEntity<ProblemDetail> refused = version(resumable);
        if (refused != null) {
            return refused;
        }
        caller.requireActiveRole(Role.MENTOR);
        if (request.getContentLengthLong() > 0) {
            throw ApiException.badRequest("body", "Create the upload without a body, then send the bytes with PATCH");
        }
        if (defer != null) {
            throw ApiException.badRequest("Upload-Defer-Length", "This server needs Upload-Length when the upload is created");
        }
        long size = number("Upload-Length", length);
        if (size <= 0) {
            throw ApiException.badRequest("Upload-Length", "Upload-Length must be a positive number of bytes");
        }
        if (size > properties.maxSize().toBytes()) {
            return tooLarge("A lecture video may be at most " + properties.maxSize().toBytes() + " bytes",
                    properties.maxSize().toBytes());
        }
        if (metadata != null && (metadata.length() > 2000 || !metadata.matches("[A-Za-z0-9+/=, ._-]*"))) {
            throw ApiException.badRequest("Upload-Metadata", "Upload-Metadata must be comma-separated 'key base64value' pairs, at most 2000 characters");
        }
        Upload upload = uploads.create(lectureId, caller.id(), size, metadata);
        return ResponseEntity.created(URI.create("/api/v1/lectures/" + lectureId + "/uploads/" + upload.uploadId()))
            .header("Tus-Resumable", TUS_VERSION)
            .header("Upload-Expires", HTTP_DATE.format(upload.expiresAt()))
            .build();
    }

    @RequestMapping(method = RequestMethod.HEAD, path = "/api/v1/lectures/{lecture_id}/uploads/{upload_id}")
    ResponseEntity<?> head(@PathVariable("lecture_id") UUID lectureId, @PathVariable("upload_id") UUID uploadId,
            CurrentUser caller, @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable) {
        ResponseEntity<ProblemDetail> refused = version(resumable);
        if (refused != null) {
            return refused;
        }
        Upload upload = uploads.find(lectureId, uploadId, caller.id());
        return ResponseEntity.ok()
            .header("Tus-Resumable", TUS_VERSION)
            .header("Upload-Offset", Long.toString(upload.offset()))
            .header("Upload-Length", Long.toString(upload.length()))
            .header("Upload-Expires", HTTP_DATE.format(upload.expiresAt()))
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .build();
    }

    /**
     * Appends the body at {@code Upload-Offset}, streaming it to the staging file. The bytes that
     * arrived are kept and counted even when the connection drops mid-body.
     */
    @PatchMapping("/api/v1/lectures/{lecture_id}/uploads/{upload_id}")
    ResponseEntity<?> patch(@PathVariable("lecture_id") UUID lectureId, @PathVariable("upload_id") UUID uploadId,
            CurrentUser caller, @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable,
            @RequestHeader(name = "Upload-Offset", required = false) @Nullable String offsetHeader,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            HttpServletRequest request) throws IOException {
        ResponseEntity<ProblemDetail> refused = version(resumable);
        if (refused != null) {
            return refused;
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(OFFSET_OCTET_STREAM)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A PATCH carries Content-Type: " + OFFSET_OCTET_STREAM);
        }
        long offset = number("Upload-Offset", offsetHeader);
        Upload upload = uploads.find(lectureId, uploadId, caller.id());
        if (upload.status() != UploadStatus.RECEIVING) {
            throw ApiException.conflict("The upload is " + upload.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; no more bytes are accepted");
        }
        if (offset != upload.offset()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", Long.toString(upload.offset()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiErrors.problem(ErrorCode.CONFLICT, "Upload-Offset " + offset + " does not match the upload's offset "
                        + upload.offset() + "; resume from HEAD's Upload-Offset", Map.of("upload_offset", upload.offset()), null));
        }
        long declared = request.getContentLengthLong();
        long room = upload.length() - upload.offset();
        if (declared > properties.maxChunk().toBytes()) {
            return tooLarge("A PATCH may carry at most " + properties.maxChunk().toBytes() + " bytes; send smaller chunks",
                    properties.maxChunk().toBytes());
        }
        if (declared > room) {
            return tooLarge("The body runs past Upload-Length: " + room + " bytes remain", room);
        }
        Path staging = uploads.staging(uploadId);
        long written;
        boolean overflow = false;
        try (FileChannel file = FileChannel.open(staging, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = file.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                throw ApiException.conflict("Another request is writing this upload; wait for it and resume from HEAD's offset");
            }
            try {
                long limit = Math.min(room, properties.maxChunk().toBytes());
                Copy copy = copy(request.getInputStream(), file, upload.offset(), limit);
                written = copy.written();
                overflow = copy.overflow();
                file.force(false);
            }
            finally {
                lock.release();
            }
        }
        Uploads.Outcome outcome = uploads.advance(uploadId, offset, written, clock.instant());
        if (overflow) {
            return tooLarge("The body ran past Upload-Length or the chunk limit; the bytes up to it were kept",
                    Math.min(room, properties.maxChunk().toBytes()));
        }
        if (outcome.refusedType() != null) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).header("Tus-Resumable", TUS_VERSION)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiErrors.problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The file is not a video (its content is " + outcome.refusedType() + "); upload a video file",
                        Map.of("detected_type", outcome.refusedType()), null));
        }
        return ResponseEntity.noContent().header("Tus-Resumable", TUS_VERSION)
            .header("Upload-Offset", Long.toString(outcome.offset()))
            .header("Upload-Expires", HTTP_DATE.format(upload.expiresAt()))
            .build();
    }

    @DeleteMapping("/api/v1/lectures/{lecture_id}/uploads/{upload_id}")
    ResponseEntity<?> terminate(@PathVariable("lecture_id") UUID lectureId, @PathVariable("upload_id") UUID uploadId,
            CurrentUser caller, @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable) {
        ResponseEntity<ProblemDetail> refused = version(resumable);
        if (refused != null) {
            return refused;
        }
        uploads.terminate(lectureId, uploadId, caller.id());
        return ResponseEntity.noContent().header("Tus-Resumable", TUS_VERSION).build();
    }

    private record Copy(long written, boolean overflow) {
    }

    /** Streams at most {@code limit} bytes into the file at {@code position}; a dropped connection ends the copy, keeping what came. */
    private static Copy copy(InputStream in, FileChannel file, long position, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            }
            catch (IOException ex) {
                log.debug("upload body ended early after {} bytes: {}", written, ex.toString());
                return new Copy(written, false);
            }
            if (n < 0) {
                return new Copy(written, false);
            }
            int take = (int) Math.min(n, limit - written);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, take);
            while (chunk.hasRemaining()) {
                written += file.write(chunk, position + written);
            }
            if (take < n) {
                return new Copy(written, true);
            }
        }
    }

    private static @Nullable ResponseEntity<ProblemDetail> version(@Nullable String resumable) {
        if (TUS_VERSION.equals(resumable != null ? resumable.trim() : null)) {
            return null;
        }
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).header("Tus-Version", TUS_VERSION)
            .header("Tus-Resumable", TUS_VERSION)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(HttpStatus.PRECONDITION_FAILED, ErrorCode.VALIDATION_ERROR,
                    "This is a tus 1.0.0 endpoint: send Tus-Resumable: 1.0.0", Map.of("field", "Tus-Resumable"), null));
    }

    private static ResponseEntity<ProblemDetail> tooLarge(String message, long limit) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header("Tus-Resumable", TUS_VERSION)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(ErrorCode.PAYLOAD_TOO_LARGE, message, Map.of("limit_bytes", limit), null));
    }

    private static long number(String header, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(header, header + " is required");
        }
        if (!value.trim().matches("[0-9]{1,19}")) {
            throw ApiException.badRequest(header, header + " must be a non-negative integer");
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            throw ApiException.badRequest(header, header + " is out of range");
        }
    }
}
