package com.linkwithmentor.meeting.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.input.RejectedInputException;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * What this service answers more precisely than common-lib's handler, before it: database
 * refusals that escaped a feature's own mapping (an overlap names the constraint), concurrent
 * changes (409) and busy locks (503), bodies Jackson could not read (the field it was reading even
 * when the innermost cause is a date or number parser's), and uploads over the limit (413 with it).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MeetingErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(MeetingErrorAdvice.class);

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        DatabaseRefusals.Refusal refusal = DatabaseRefusals.of(ex).orElse(new DatabaseRefusals.Refusal("", null));
        return switch (refusal.sqlState()) {
            case DatabaseRefusals.EXCLUSION_VIOLATION -> respond(HttpStatus.CONFLICT, ErrorCode.CONFLICT,
                    "That time is already taken", Map.of("conflict", String.valueOf(refusal.constraint())), request);
            case DatabaseRefusals.UNIQUE_VIOLATION -> respond(HttpStatus.CONFLICT, ErrorCode.CONFLICT,
                    "That already exists", null, request);
            case DatabaseRefusals.CHECK_VIOLATION -> respond(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.UNPROCESSABLE,
                    "The request breaks a rule of the data", Map.of("rule", String.valueOf(refusal.constraint())), request);
            case "22021", "22P05", "22P02", "22003", "22008", "22007" -> respond(HttpStatus.BAD_REQUEST,
                    ErrorCode.VALIDATION_ERROR, "The request carries a value that cannot be stored", null, request);
            default -> {
                log.error("Unexpected database refusal serving {} {}", request.getMethod(), request.getRequestURI(), ex);
                yield respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                        "Something went wrong on our side; quote the request id if you contact support", null, request);
            }
        };
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex, HttpServletRequest request) {
        return respond(HttpStatus.CONFLICT, ErrorCode.CONFLICT, "It was changed at the same time; read it again and retry",
                null, request);
    }

    @ExceptionHandler({ PessimisticLockingFailureException.class, TransientDataAccessException.class })
    ResponseEntity<ProblemDetail> busy(RuntimeException ex, HttpServletRequest request) {
        log.warn("Transient database failure serving {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
            .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                    "Too busy to answer right now; retry in a moment", null, request));
    }

    /**
     * A body Jackson could not read: the field it was reading when it failed (common-lib's handler
     * looks only at the innermost cause, which for a date or number is not Jackson's and names no
     * field), or the 400 a string check raised while reading.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return respond(api.code().status(), api.code(), api.getMessage(), api.details(), request);
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = field(jackson.getPath());
                String problem = switch (jackson) {
                    case RejectedInputException rejected -> rejected.reason();
                    case InvalidNullException nulled -> "must not be null";
                    default -> "has a value of the wrong type or format";
                };
                return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, "Field '" + field + "' " + problem,
                        Map.of("field", field), request);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, "The request body is missing or is not valid JSON",
                null, request);
    }

    private static String field(java.util.List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than allowed",
                ex.getMaxUploadSize() > 0 ? Map.of("limit_bytes", ex.getMaxUploadSize()) : null, request);
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, ErrorCode code, String message,
            @Nullable Object details, HttpServletRequest request) {
        return ResponseEntity.status(status).body(problem(status, code, message, details, request));
    }

    private static ProblemDetail problem(HttpStatusCode status, ErrorCode code, String message, @Nullable Object details,
            HttpServletRequest request) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return ApiErrors.problem(status, code, message, details, id instanceof String value ? value : RequestIds.current());
    }
}
