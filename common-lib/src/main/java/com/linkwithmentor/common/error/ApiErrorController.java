package com.linkwithmentor.common.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.webmvc.error.ErrorController;

import com.linkwithmentor.common.web.RequestIds;

/**
 * Answers the container's error dispatch (an exception or status set outside Spring MVC, such as
 * in a filter) with the ApiError body instead of Boot's default page or JSON, never with a trace.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
public class ApiErrorController implements ErrorController {

    @RequestMapping(produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*" })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ErrorCode errorCode = ErrorCode.forStatus(status);
        String message = status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase();
        String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id ? id : RequestIds.current();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(status, errorCode, message, uri != null ? Map.of("path", uri) : null, requestId));
    }
}
