package com.linkwithmentor.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The {@code X-Request-Id} that ties one client request to every log line and downstream call it
 * causes. A caller's id is kept when it is short and plain; anything else is replaced, so a client
 * cannot inject text into logs.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    public static final String MDC_KEY = "request_id";

    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id if acceptable, otherwise a new one. */
    public static String acceptOrCreate(@Nullable String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request this thread is serving, or a new one when there is none. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }

    public static @Nullable String currentOrNull() {
        return MDC.get(MDC_KEY);
    }
}
