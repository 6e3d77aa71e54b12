package com.linkwithmentor.lecture.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * Failures common-lib's handler does not know, as clean 4xx: two requests raced for one row (a
 * concurrent change, or a constraint the other request satisfied first, such as one live
 * enrollment per course: 409), and query parameters that are not valid percent-encoded UTF-8 (400).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestErrors {

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
        return ResponseEntity.status(409).body(ApiErrors.problem(ErrorCode.CONFLICT,
                "It changed while this request was handled; read it again and retry", null, null));
    }

    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodable(org.apache.tomcat.util.http.InvalidParameterException ex) {
        return ResponseEntity.status(400).body(ApiErrors.problem(ErrorCode.VALIDATION_ERROR,
                "A query parameter is not valid percent-encoded UTF-8", java.util.Map.of("field", "query"), null));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException ex) {
        return ResponseEntity.status(409).body(ApiErrors.problem(ErrorCode.CONFLICT,
                "This conflicts with the current state (another request got there first); read it again and retry", null, null));
    }
}
