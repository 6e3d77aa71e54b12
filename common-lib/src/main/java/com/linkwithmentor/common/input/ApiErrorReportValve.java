package com.linkwithmentor.common.input;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.web.RequestIds;

/**
 * Tomcat's last word on a request it refused before any servlet ran (an encoded slash or NUL in the
 * path, {@code ..} segments, a malformed request line): the ApiError body instead of Tomcat's HTML
 * page, so every status any layer produces reads the same. Never a trace, never the server's name.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ErrorCode code = known != null ? ErrorCode.forStatus(known) : ErrorCode.VALIDATION_ERROR;
        String message = status >= 500 ? "Something went wrong on our side"
                : known != null ? known.getReasonPhrase() + ": the request was refused before it reached the service"
                        : "The request was refused";
        Object attribute = request.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = attribute instanceof String id ? id : UUID.randomUUID().toString();
        String title = known != null ? known.getReasonPhrase() : "Error";
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + message
                + "\",\"error_code\":\"" + code.name() + "\",\"message\":\"" + message + "\",\"details\":null,\"timestamp\":\""
                + Instant.now() + "\",\"request_id\":\"" + requestId + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The client went away, or the response was already committed: nothing more to say.
        }
    }
}
