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
 * Two requests raced for one row: a concurrent change (optimistic lock) or a constraint the other
 * request satisfied first (one live enrollment per course). The loser hears 409, never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConflictHandling {

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
        return ResponseEntity.status(409).body(ApiErrors.problem(ErrorCode.CONFLICT,
                "It changed while this request was handled; read it again and retry", null, null));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException ex) {
        return ResponseEntity.status(409).body(ApiErrors.problem(ErrorCode.CONFLICT,
                "This conflicts with the current state (another request got there first); read it again and retry", null, null));
    }
}
