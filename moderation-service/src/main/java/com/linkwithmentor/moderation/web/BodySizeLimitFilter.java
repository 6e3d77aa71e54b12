package com.linkwithmentor.moderation.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than the limit (a larger one for the analyze path, which takes
 * pictures) with a 413 ApiError, before anything parses them:
 * by the declared length when there is one, and by counting when the body is chunked (the parse
 * then fails and the client gets a 400 for the body it sent).
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultMaxBytes;

    private final long largeMaxBytes;

    private final String largePath;

    private final JsonMapper json;

    BodySizeLimitFilter(long defaultMaxBytes, long largeMaxBytes, String largePath, JsonMapper json) {
        this.defaultMaxBytes = defaultMaxBytes;
        this.largeMaxBytes = largeMaxBytes;
        this.largePath = largePath;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = largePath.equals(request.getRequestURI()) ? largeMaxBytes : defaultMaxBytes;
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id ? id : RequestIds.current();
            response.setStatus(ErrorCode.PAYLOAD_TOO_LARGE.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ApiErrors.problem(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes / 1024 + " KB", Map.of("max_bytes", maxBytes),
                    requestId));
            return;
        }
        chain.doFilter(declared < 0 ? new Limited(request, maxBytes) : request, response);
    }

    /** A request whose body stream ends with an error after {@code maxBytes}. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;

        private @Nullable ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream delegate = super.getInputStream();
                stream = new ServletInputStream() {

                    private long read;

                    @Override
                    public int read() throws IOException {
                        int value = delegate.read();
                        if (value >= 0 && ++read > maxBytes) {
                            throw new IOException("Request body exceeds " + maxBytes + " bytes");
                        }
                        return value;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int count = delegate.read(buffer, offset, length);
                        if (count > 0 && (read += count) > maxBytes) {
                            throw new IOException("Request body exceeds " + maxBytes + " bytes");
                        }
                        return count;
                    }

                    @Override
                    public boolean isFinished() {
                        return delegate.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        delegate.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
