package com.linkwithmentor.gateway.http3;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.stereotype.Component;

import com.linkwithmentor.gateway.GatewayProperties;
import com.linkwithmentor.gateway.edge.AccessLogs;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;
import com.linkwithmentor.gateway.edge.EdgeHttpHandlerAdapter;

import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * The two listeners Boot does not start: TLS over TCP (HTTP/2 and HTTP/1.1) and QUIC over UDP
 * (HTTP/3), on the same port number. Both call the very {@link HttpHandler} Boot's plain TCP
 * server calls, so every protocol runs the same filters and routes and gives the same answers.
 * One Reactor Netty server cannot listen on TCP and UDP at once, hence one server each.
 */
@Component
public class Http3Server implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Http3Server.class);

    /** The same header limit as the plain TCP listener ({@code server.max-http-request-header-size}). */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HttpHandler handler;

    private final GatewayProperties properties;

    private final List<DisposableServer> servers = new ArrayList<>();

    private final ApiErrorResponses errors;

    public Http3Server(HttpHandler handler, GatewayProperties properties, ApiErrorResponses errors) {
        this.handler = handler;
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    public synchronized void start() {
        GatewayProperties.Tls tls = properties.tls();
        if (!tls.enabled()) {
            return;
        }
        ServerCertificate certificate = ServerCertificate.resolve(tls);
        ReactorHttpHandlerAdapter adapter = new EdgeHttpHandlerAdapter(handler, errors);
        GatewayProperties.Http3 h3 = properties.http3();
        Duration idle = h3.idleTimeout();

        servers.add(AccessLogs.configure(HttpServer.create(), properties.accessLog())
            .port(tls.port())
            .protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
            .secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(certificate.certificate().toFile(),
                    certificate.privateKey().toFile())))
            .idleTimeout(idle)
            .httpRequestDecoder(decoder -> decoder.maxHeaderSize(MAX_HEADER_BYTES))
            .handle(adapter)
            .bindNow());

        if (h3.enabled()) {
            servers.add(AccessLogs.configure(HttpServer.create(), properties.accessLog())
                .port(tls.port())
                .protocol(HttpProtocol.HTTP3)
                .secure(spec -> spec.sslContext(Http3SslContextSpec.forServer(certificate.privateKey().toFile(), null,
                        certificate.certificate().toFile())))
                .http3Settings(spec -> spec.idleTimeout(idle)
                    .maxData(h3.maxData())
                    .maxStreamDataBidirectionalLocal(h3.maxStreamData())
                    .maxStreamDataBidirectionalRemote(h3.maxStreamData())
                    .maxStreamsBidirectional(h3.maxStreams())
                    .maxFieldSectionSize(MAX_HEADER_BYTES)
                    .tokenHandler(new HmacQuicTokenHandler()))
                .idleTimeout(idle)
                .handle(adapter)
                .bindNow());
        }
        log.info("Gateway listening with TLS on TCP {} (HTTP/2, HTTP/1.1){}", tls.port(),
                h3.enabled() ? " and QUIC on UDP " + tls.port() + " (HTTP/3)" : "");
    }

    @Override
    public synchronized void stop() {
        servers.forEach(server -> server.disposeNow(Duration.ofSeconds(10)));
        servers.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !servers.isEmpty();
    }
}
