package com.linkwithmentor.lecture.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * A failure common-lib's handler does not know: two requests changed the same versioned entity
 * (a course, an enrollment) at once. The loser hears 409, never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestErrors {

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
        return ResponseEntity.status(409).body(ApiErrors.problem(ErrorCode.CONFLICT,
                "It changed while this request was handled; read it again and retry", null, null));
    }

}
