package com.linkwithmentor.gateway.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.regex.Pattern;

import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

/**
 * One access log for every listener (plain TCP, TLS, QUIC), in Reactor Netty's usual format, with
 * the value of any {@code access_token} query parameter (browsers' WebSocket tokens) redacted, so
 * no token lands in a log file.
 */
public final class AccessLogs {

    private static final Pattern TOKEN_VALUE = Pattern.compile("(?i)(access_token=)[^&#\\s]*");

    private static final String FORMAT = "{} - {} [{}] \"{} {} {}\" {} {} {}";

    private AccessLogs() {
    }

    public static HttpServer configure(HttpServer server, boolean enabled) {
        return server.accessLog(enabled, AccessLogs::entry);
    }

    static AccessLog entry(AccessLogArgProvider args) {
        return AccessLog.create(FORMAT, address(args.remoteAddress()), args.user(), args.zonedDateTime(), args.method(),
                redact(args.uri()), args.protocol(), args.status(), args.contentLength() > -1 ? args.contentLength() : "-",
                args.duration());
    }

    static String redact(CharSequence uri) {
        String text = uri.toString();
        if (text.indexOf('?') < 0 || !text.toLowerCase(Locale.ROOT).contains("access_token")) {
            return text;
        }
        return TOKEN_VALUE.matcher(text).replaceAll("$1[redacted]");
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(address);
    }
}
