package com.linkwithmentor.common.input;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/**
 * Checks what the servlet container decoded from the request line before any handler sees it: the
 * path and every query or form parameter must be valid text ({@link SafeText}), and parameters the
 * container could not decode at all (malformed percent-encoding, bytes that are not UTF-8) are a 400
 * naming the problem rather than a 500 from deep inside.
 */
public class RequestTextFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public RequestTextFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = SafeText.problem(request.getRequestURI());
        Object details = null;
        ErrorCode code = ErrorCode.VALIDATION_ERROR;
        if (problem != null) {
            problem = "The request path " + problem;
        }
        else {
            Map<String, String[]> parameters;
            try {
                parameters = request.getParameterMap();
            }
            catch (IllegalStateException | IllegalArgumentException ex) {
                parameters = null;
                if (tooLarge(ex)) {
                    // A multipart body past the container's limits fails here, where its parts are parsed.
                    code = ErrorCode.PAYLOAD_TOO_LARGE;
                    problem = "The request body is larger than allowed";
                }
                else {
                    problem = "The query string or form could not be decoded: use percent-encoded UTF-8";
                }
            }
            if (parameters != null) {
                outer:
                for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                    String nameProblem = SafeText.problem(parameter.getKey());
                    if (nameProblem != null) {
                        problem = "A parameter name " + nameProblem;
                        break;
                    }
                    for (String value : parameter.getValue()) {
                        String valueProblem = SafeText.problem(value);
                        if (valueProblem != null || value.indexOf('\uFFFD') >= 0) {
                            problem = "Parameter '" + parameter.getKey() + "' "
                                    + (valueProblem != null ? valueProblem : "is not valid percent-encoded UTF-8");
                            details = Map.of("field", parameter.getKey());
                            break outer;
                        }
                    }
                }
            }
        }
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id ? id : RequestIds.current();
        ProblemDetail body = ApiErrors.problem(code, problem, details, requestId);
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    /** Whether parsing failed on a size limit (Tomcat's file-upload SizeException family), found by name. */
    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || name.equals("SizeException")) {
                return true;
            }
        }
        return false;
    }
}
