package com.linkwithmentor.common.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.linkwithmentor.common.input.RejectedInputException;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * The one place where a servlet service turns exceptions into ApiError bodies: Spring MVC's own
 * (bad JSON, unknown route, wrong method...), Bean Validation, security refusals, domain
 * {@link ApiException}s, and anything unexpected, which is logged and answered with a bare 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = respond(ex.code().status(), ex.code(), ex.getMessage(), ex.details(), request);
        if (ex.details() instanceof Map<?, ?> details && details.get("retry_after_seconds") instanceof Number seconds) {
            return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, seconds.toString())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<Map<String, String>> fields = ex.getConstraintViolations().stream()
            .map(violation -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
            .toList();
        return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, summary(fields), Map.of("fields", fields), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return respond(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "You are not allowed to do this", null, request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
        return respond(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, "Authentication required", null, request);
    }

    /**
     * A multipart body that does not parse (no boundary, cut short, a part without headers). One over
     * the size limit is the base class's 413 (MaxUploadSizeExceededException, handled nearer).
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleMultipart(MultipartException ex, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                "The request is not a valid multipart/form-data body", null, request);
    }

    /**
     * What the database refused, when no rule before it did: a duplicate or overlapping row is a 409,
     * a broken reference or check a 422, a value it cannot store a 400. The SQL is never shown.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleDataIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        String state = ex.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
                ? sql.getSQLState() : "";
        log.info("The database refused {} {}: SQLSTATE {} {}", request.getMethod(), request.getRequestURI(), state,
                ex.getMostSpecificCause().getMessage());
        if (state.equals("23505") || state.equals("23P01") || ex instanceof DuplicateKeyException) {
            return respond(HttpStatus.CONFLICT, ErrorCode.CONFLICT, "This conflicts with something that already exists", null,
                    request);
        }
        if (state.startsWith("23")) {
            return respond(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.UNPROCESSABLE,
                    "The request refers to something that does not exist or breaks a rule", null, request);
        }
        return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                "A value in the request cannot be stored (too long, out of range or not valid text)", null, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; quote the request id if you contact support", null, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> fields = ex.getBindingResult().getFieldErrors().stream()
            .map(error -> fieldError(snakeCase(error.getField()), messageOf(error)))
            .toList();
        ex.getBindingResult().getGlobalErrors()
            .forEach(error -> log.debug("Object-level validation error: {}", error));
        List<Map<String, String>> all = fields.isEmpty()
                ? ex.getBindingResult().getGlobalErrors().stream()
                    .map(error -> fieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))).toList()
                : fields;
        return cast(respond(status, ErrorCode.VALIDATION_ERROR, summary(all), Map.of("fields", all), request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> fields = ex.getParameterValidationResults().stream()
            .flatMap(result -> result.getResolvableErrors().stream()
                .map(error -> fieldError(snakeCase(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage()))))
            .toList();
        return cast(respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, summary(fields), Map.of("fields", fields),
                request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String message = "The request body is missing or is not valid JSON";
        Map<String, String> details = null;
        if (ex.getMostSpecificCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
            message = "Field '" + field + "' " + switch (jackson) {
                case RejectedInputException rejected -> rejected.reason();
                case InvalidNullException nulled -> "must not be null";
                default -> "has a value of the wrong type or format";
            };
            details = Map.of("field", field);
        }
        else if (ex.getMostSpecificCause() instanceof RejectedInputException rejected) {
            message = "The request body " + rejected.reason();
        }
        else if (ex.getMostSpecificCause() instanceof com.linkwithmentor.common.error.ApiException api) {
            return cast(respond(api.code().status(), api.code(), api.getMessage(), api.details(), request));
        }
        return cast(respond(status, ErrorCode.VALIDATION_ERROR, message, details, request));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() != null ? ex.getRequiredType().getSimpleName() : "another type";
        return cast(respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                "Parameter '" + name + "' is not a valid " + expected, Map.of("field", String.valueOf(name)), request));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(respond(status, ErrorCode.VALIDATION_ERROR, "Parameter '" + ex.getParameterName() + "' is required",
                Map.of("field", ex.getParameterName()), request));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return cast(respond(status, ErrorCode.NOT_FOUND, "No such endpoint: " + ex.getHttpMethod() + " /" + ex.getResourcePath(),
                null, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(
                ApiErrors.problem(status, ErrorCode.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not supported here",
                        Map.of("allowed", String.valueOf(ex.getSupportedHttpMethods())), requestId(request))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(respond(status, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + ex.getContentType() + " is not supported; send application/json", null, request));
    }

    /** Spring MVC's remaining exceptions: keep their status, give them our body. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String message = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(status, ErrorCode.forStatus(status), message, null, requestId(request)));
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, ErrorCode code, String message,
            @Nullable Object details, Object request) {
        // The type set here, not negotiated: an error is always readable, whatever Accept asked for.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ApiErrors.problem(status, code, message, details, requestId(request)));
    }

    private static String requestId(Object request) {
        Object id = null;
        if (request instanceof HttpServletRequest servlet) {
            id = servlet.getAttribute(RequestIds.ATTRIBUTE);
        }
        else if (request instanceof ServletWebRequest web) {
            id = web.getRequest().getAttribute(RequestIds.ATTRIBUTE);
        }
        return id instanceof String value ? value : RequestIds.current();
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> entity) {
        return (ResponseEntity<Object>) entity;
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static String summary(List<Map<String, String>> fields) {
        if (fields.isEmpty()) {
            return "The request is not valid";
        }
        Map<String, String> first = fields.get(0);
        String more = fields.size() > 1 ? " (and " + (fields.size() - 1) + " more)" : "";
        return "Field '" + first.get("field") + "' " + first.get("message") + more;
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is not valid";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return snakeCase(dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath);
    }

    /** Field names as the client wrote them: the JSON is snake_case, Java properties are camelCase. */
    static String snakeCase(@Nullable String name) {
        if (name == null) {
            return "";
        }
        Matcher matcher = CAMEL_HUMP.matcher(name);
        return matcher.replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
