package com.linkwithmentor.launcher;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The development TURN/STUN server: Debian's coturn ({@code turnserver}) on loopback, when it is
 * installed. Calls' credentials are long-term credentials that signaling-service writes into the
 * fleet's Redis, which coturn reads as its user database ({@code --redis-userdb}), so signaling
 * can delete one when its call ends (allocations live at most 2 minutes between refreshes, so a
 * deleted credential stops relaying within that). Loopback needs {@code --allow-loopback-peers};
 * TLS and DTLS are off (no certificate in development). Without coturn the fleet runs STUN-less and TURN-less:
 * calls on one machine still connect over loopback host candidates, marked degraded.
 */
final class Coturn implements AutoCloseable {

  static final String INSTALL_HINT = "install it with: sudo apt-get install coturn (Debian/Ubuntu), "
      + "sudo dnf install coturn (Fedora), brew install coturn (macOS); or point LWM_TURN_URLS at a TURN server "
      + "that reads its users from the fleet's Redis";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final ChildProcess process;
  private final int port;
  private final String realm;
  private final String userDbUrl;

  private Coturn(ChildProcess process, int port, String realm, String userDbUrl) {
    this.process = process;
    this.port = port;
    this.realm = realm;
    this.userDbUrl = userDbUrl;
  }

  /** {@code LWM_TURNSERVER}, else {@code turnserver} on PATH or in /usr/bin. */
  static Optional<Path> binary(FleetSettings settings) {
    String configured = settings.environment().get("LWM_TURNSERVER");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured.trim()));
    } else {
      for (String dir : settings.environment().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "turnserver"));
        }
      }
      candidates.add(Path.of("/usr/bin/turnserver"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static Coturn start(Path binary, FleetSettings settings, String redisUrl, Output out)
      throws IOException, InterruptedException {
    int port = settings.turnPort();
    if (stunAnswers(port, Duration.ofMillis(300))) {
      throw new FleetException("udp port " + port + " for coturn already answers STUN (is a TURN server running?); "
          + "set LWM_TURN_PORT to a free port, or LWM_TURN_URLS to use that server");
    }
    URI redis = URI.create(redisUrl);
    String host = redis.getHost() == null || redis.getHost().equals("localhost") ? "127.0.0.1" : redis.getHost();
    int redisPort = redis.getPort() == -1 ? 6379 : redis.getPort();
    String path = redis.getPath() == null ? "" : redis.getPath().replace("/", "");
    String database = path.isEmpty() ? "0" : path;
    Path dataDirectory = settings.dataDir("coturn").toAbsolutePath();
    Files.createDirectories(dataDirectory);
    List<String> command = List.of(binary.toString(), "-n",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
        "--min-port=" + settings.turnMinPort(), "--max-port=" + settings.turnMaxPort(),
        "--realm=" + settings.turnRealm(), "--fingerprint", "--lt-cred-mech", "--no-cli", "--no-tls", "--no-dtls",
        "--allow-loopback-peers", "--no-software-attribute", "--max-allocate-lifetime=120",
        "--redis-userdb=ip=" + host + " dbname=" + database + " port=" + redisPort + " connect_timeout=5",
        "--pidfile=" + dataDirectory.resolve("turnserver.pid"),
        "--log-file=stdout", "--simple-log");
    ChildProcess process = ChildProcess.start("coturn", command, settings.environment(), dataDirectory,
        settings.logFile("coturn"), out);
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!stunAnswers(port, Duration.ofMillis(300))) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.close();
        throw new FleetException("coturn did not start; see " + settings.show(process.logFile()));
      }
    }
    process.reportUnexpectedExit();
    return new Coturn(process, port, settings.turnRealm(), redisUrl);
  }

  /** What browsers get: UDP TURN on loopback. */
  String url() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  String realm() {
    return realm;
  }

  String userDbUrl() {
    return userDbUrl;
  }

  long pid() {
    return process.pid();
  }

  /** A STUN Binding request (RFC 8489) and its success response: the server is up. */
  static boolean stunAnswers(int port, Duration timeout) {
    byte[] transaction = new byte[12];
    new SecureRandom().nextBytes(transaction);
    ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442).put(transaction);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.send(new DatagramPacket(request.array(), 20, new InetSocketAddress("127.0.0.1", port)));
      byte[] buffer = new byte[1500];
      DatagramPacket response = new DatagramPacket(buffer, buffer.length);
      socket.receive(response);
      return response.getLength() >= 20 && buffer[0] == 0x01 && buffer[1] == 0x01
          && Arrays.equals(Arrays.copyOfRange(buffer, 8, 20), transaction);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
