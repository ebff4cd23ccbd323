package io.dnsplane.fakes.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A real authoritative DNS server that takes RFC 2136 dynamic updates and zone transfers signed
 * with one TSIG key (hmac-sha256): BIND 9 ({@code named}) or Knot DNS ({@code knotd}), Debian's
 * packages, started as a child process on 127.0.0.1 with its files in one folder. For the RFC2136
 * provider's tests and {@code ./dnsplane local --provider rfc2136}. Not fakes: the servers themselves.
 */
public final class Rfc2136Server implements AutoCloseable {
  /** Which server. */
  public enum Kind {
    BIND("/usr/sbin/named", "bind9"),
    KNOT("/usr/sbin/knotd", "knot");

    final Path binary;
    final String debianPackage;

    Kind(String binary, String debianPackage) {
      this.binary = Path.of(binary);
      this.debianPackage = debianPackage;
    }

    public boolean installed() {
      return Files.isExecutable(binary);
    }
  }

  public static final String KEY_NAME = "dnsplane";

  private final Kind kind;
  private final Process process;
  private final int port;
  private final String secret;
  private final Path log;

  private Rfc2136Server(Kind kind, Process process, int port, String secret, Path log) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.secret = secret;
    this.log = log;
  }

  /**
   * Starts {@code kind} serving {@code zones} (each with an SOA and an NS record) on {@code port}
   * (0: a free one), updates and transfers allowed with a fresh TSIG key, and waits until it answers.
   */
  public static Rfc2136Server start(Kind kind, Path dir, List<String> zones, int port) {
    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
    for (String zone : zones) {
      files.put(zone, String.join("\n", List.of(
          "$ORIGIN " + zone + ".",
          "$TTL 300",
          "@ IN SOA ns1." + zone + ". hostmaster." + zone + ". 1 3600 600 86400 60",
          "@ IN NS ns1." + zone + ".",
          "ns1 IN A 127.0.0.1",
          "")));
    }
    return start(kind, dir, files, port);
  }

  /** As above, each zone loaded from its master file's text (with its own SOA and NS). */
  public static Rfc2136Server start(Kind kind, Path dir, java.util.Map<String, String> zoneFiles, int port) {
    List<String> zones = List.copyOf(zoneFiles.keySet());
    if (!kind.installed()) {
      throw new IllegalStateException(kind.binary.getFileName() + " is not installed: apt-get install " + kind.debianPackage);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getEncoder().encodeToString(key);
    try {
      Files.createDirectories(dir);
      int p = port == 0 ? ChildProcess.freePort() : port;
      for (java.util.Map.Entry<String, String> zone : zoneFiles.entrySet()) {
        Files.writeString(dir.resolve(zone.getKey() + ".zone"), zone.getValue());
      }
      List<String> command;
      if (kind == Kind.BIND) {
        Files.writeString(dir.resolve("named.conf"), bindConfig(dir, zones, p, secret));
        command = List.of(kind.binary.toString(), "-g", "-n", "1", "-c", dir.resolve("named.conf").toString());
      } else {
        Files.writeString(dir.resolve("knot.conf"), knotConfig(dir, zones, p, secret));
        command = List.of(kind.binary.toString(), "-c", dir.resolve("knot.conf").toString());
      }
      Path log = dir.resolve(kind.name().toLowerCase() + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Rfc2136Server server = new Rfc2136Server(kind, process, p, secret, log);
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String bindConfig(Path dir, List<String> zones, int port, String secret) {
    StringBuilder conf = new StringBuilder();
    conf.append("key \"").append(KEY_NAME).append("\" { algorithm hmac-sha256; secret \"").append(secret).append("\"; };\n");
    conf.append("options {\n  directory \"").append(dir).append("\";\n  listen-on port ").append(port)
        .append(" { 127.0.0.1; };\n  listen-on-v6 { none; };\n  recursion no;\n  notify no;\n  dnssec-validation no;\n")
        .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n  session-keyfile \"")
        .append(dir.resolve("session.key")).append("\";\n  allow-transfer { none; };\n};\ncontrols { };\n");
    for (String zone : zones) {
      conf.append("zone \"").append(zone).append("\" {\n  type primary;\n  file \"").append(dir.resolve(zone + ".zone"))
          .append("\";\n  allow-update { key \"").append(KEY_NAME).append("\"; };\n  allow-transfer { key \"")
          .append(KEY_NAME).append("\"; };\n};\n");
    }
    return conf.toString();
  }

  private static String knotConfig(Path dir, List<String> zones, int port, String secret) {
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n  rundir: \"").append(dir).append("\"\n  user: root:root\n  listen: 127.0.0.1@").append(port)
        .append("\n\nlog:\n  - target: stderr\n    any: info\n\ndatabase:\n  storage: \"").append(dir).append("\"\n\n")
        .append("key:\n  - id: ").append(KEY_NAME).append("\n    algorithm: hmac-sha256\n    secret: ").append(secret)
        .append("\n\nacl:\n  - id: dnsplane\n    key: ").append(KEY_NAME).append("\n    action: [update, transfer]\n\n")
        .append("zone:\n");
    for (String zone : zones) {
      conf.append("  - domain: ").append(zone).append("\n    storage: \"").append(dir).append("\"\n    file: \"")
          .append(zone).append(".zone\"\n    acl: dnsplane\n    zonefile-sync: -1\n    journal-content: changes\n");
    }
    return conf.toString();
  }

  /** Waits until the server takes TCP connections on its port (it answers UDP from the same moment). */
  private void awaitListening() throws IOException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind + " exited: " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    close();
    throw new IllegalStateException(kind + " did not listen on 127.0.0.1:" + port + " within 20 s: " + Files.readString(log));
  }

  public int port() {
    return port;
  }

  /** The TSIG key's secret, base64, for --rfc2136-tsig-secret; the key is {@link #KEY_NAME}, hmac-sha256. */
  public String secret() {
    return secret;
  }

  public Kind kind() {
    return kind;
  }

  /** What the server logged, for a test's failure message. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    ChildProcess.stop(process);
  }
}
