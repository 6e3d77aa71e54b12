package com.linkwithmentor.signaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import com.linkwithmentor.testsupport.ApiClient;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/**
 * Real browsers on the call page, through the real gateway: Debian's Chromium, driven by
 * Playwright (pointed at the installed binary, never downloading one), with fake camera,
 * microphone and screen, each in a fresh profile. The gateway runs from its built jar and routes
 * {@code /api/v1/calls/**} and {@code /ws/signaling} to instance 0 of the signaling cluster.
 */
final class CallBrowsers implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--auto-select-desktop-capture-source=Entire screen");

    private final SignalingCluster cluster;

    private final ServiceProcess gateway;

    private final Playwright playwright;

    private CallBrowsers(SignalingCluster cluster, ServiceProcess gateway, Playwright playwright) {
        this.cluster = cluster;
        this.gateway = gateway;
        this.playwright = playwright;
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    static CallBrowsers start(SignalingCluster cluster) {
        ServiceProcess gateway = ServiceProcess.start("gateway-service", freePort(), Map.of(
                "LWM_REDIS_URL", cluster.redisUrl(),
                "LWM_JWKS_URL", cluster.issuer().jwksUrl(),
                "LWM_SERVICE_URL_SIGNALING_SERVICE", "http://127.0.0.1:" + cluster.port(0),
                "LWM_SERVICE_URL_SIGNALING_SERVICE_WS", "http://127.0.0.1:" + cluster.socketPort(0),
                "LWM_GATEWAY_TLS_PORT", Integer.toString(freeTcpAndUdpPort()),
                "LWM_GATEWAY_DEV_CERT_DIR", Path.of("target", "gateway-certs").toAbsolutePath().toString()));
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new CallBrowsers(cluster, gateway, playwright);
    }

    ApiClient edge() {
        return new ApiClient(gateway.port());
    }

    int gatewayPort() {
        return gateway.port();
    }

    /** A new Chromium with a fresh profile. */
    Browser open() {
        try {
            Path profile = Files.createTempDirectory("lwm-chromium-");
            BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(FLAGS)
                        .setPermissions(List.of("camera", "microphone")));
            return new Browser(context, context.pages().isEmpty() ? context.newPage() : context.pages().get(0), profile);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One browser on the call page. */
    final class Browser implements AutoCloseable {

        final BrowserContext context;

        final Page page;

        private final Path profile;

        Browser(BrowserContext context, Page page, Path profile) {
            this.context = context;
            this.page = page;
            this.profile = profile;
            page.setDefaultTimeout(60_000);
        }

        void openCall(UUID callId, SignalingCluster.TestUser user, boolean relayOnly) {
            page.navigate("http://127.0.0.1:" + gateway.port() + "/call/index.html?call_id=" + callId + "&loopback=1"
                    + (relayOnly ? "&relay=1" : "") + "#access_token=" + user.token());
        }

        JsonNode state() {
            return SocketClient.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.lwmCall.state())"));
        }

        /** The one peer's stats: connection state, inbound bytes by kind, selected pair. */
        JsonNode stats(UUID peer) {
            JsonNode all = SocketClient.JSON.readTree(
                    (String) page.evaluate("async () => JSON.stringify(await window.lwmCall.stats())"));
            return all.path(peer.toString());
        }

        long inboundBytes(UUID peer) {
            JsonNode inbound = stats(peer).path("inbound");
            return inbound.path("audio").asLong(0) + inbound.path("video").asLong(0);
        }

        boolean connectedTo(UUID peer) {
            return "connected".equals(stats(peer).path("connectionState").asString());
        }

        /** Milliseconds between this page's first event of one kind and its first of another (e.g. joined → connected). */
        long between(String fromEvent, String toEvent, String toState) {
            long from = -1;
            long to = -1;
            for (JsonNode event : state().path("events")) {
                String name = event.path("event").asString();
                if (from < 0 && name.equals(fromEvent)) {
                    from = event.path("at").asLong();
                }
                if (to < 0 && name.equals(toEvent) && (toState == null || toState.equals(event.path("state").asString()))) {
                    to = event.path("at").asLong();
                }
            }
            return from >= 0 && to >= 0 ? to - from : -1;
        }

        @Override
        public void close() {
            context.close();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (IOException ex) {
                // a temp folder; left behind at worst
            }
        }
    }

    static Duration connectWithin() {
        return Duration.ofSeconds(60);
    }

    /** Waits until both pages' peer connections to each other are connected; says what each page saw if not. */
    static void awaitConnected(Browser a, UUID aUser, Browser b, UUID bUser) {
        try {
            org.awaitility.Awaitility.await().atMost(connectWithin()).pollInterval(Duration.ofMillis(50))
                .until(() -> a.connectedTo(bUser) && b.connectedTo(aUser));
        }
        catch (org.awaitility.core.ConditionTimeoutException ex) {
            throw new AssertionError("The two browsers did not connect.\nfirst page: " + a.state() + "\n  stats: "
                    + a.stats(bUser) + "\nsecond page: " + b.state() + "\n  stats: " + b.stats(aUser), ex);
        }
    }

    @Override
    public void close() {
        playwright.close();
        gateway.stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static int freeTcpAndUdpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            }
            catch (IOException ex) {
                // taken on UDP
            }
        }
        throw new IllegalStateException("No port free on both TCP and UDP");
    }
}
