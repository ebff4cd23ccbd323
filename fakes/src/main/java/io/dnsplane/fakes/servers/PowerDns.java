package io.dnsplane.fakes.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PowerDNS Authoritative server (Debian's pdns-server with pdns-backend-sqlite3), started
 * as a child process on 127.0.0.1 with its HTTP API: for the PowerDNS provider's tests and
 * {@code ./dnsplane local --provider pdns}. Not a fake: the server itself, with a fresh sqlite3
 * database in its own folder. Its security poll is off, so it sends nothing off the machine.
 */
public final class PowerDns implements AutoCloseable {
  static final Path PDNS_SERVER = Path.of("/usr/sbin/pdns_server");
  static final Path SCHEMA = Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");

  private final Process process;
  private final int dnsPort;
  private final int apiPort;
  private final String apiKey;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PowerDns(Process process, int dnsPort, int apiPort, String apiKey, Path log) {
    this.process = process;
    this.dnsPort = dnsPort;
    this.apiPort = apiPort;
    this.apiKey = apiKey;
    this.log = log;
  }

  /** Whether the packages are installed; when not, {@link #start} says which to install. */
  public static boolean installed() {
    return Files.isExecutable(PDNS_SERVER) && Files.isReadable(SCHEMA) && onPath("sqlite3");
  }

  /**
   * Starts a server whose files live in {@code dir}, answering DNS on a free port and its API on
   * another, and waits until its API answers.
   */
  public static PowerDns start(Path dir, String apiKey) {
    return start(dir, apiKey, 0);
  }

  /** As above, answering DNS on {@code dnsPort} (0: a free one). */
  public static PowerDns start(Path dir, String apiKey, int dnsPort) {
    if (!installed()) {
      throw new IllegalStateException("PowerDNS is not installed: apt-get install pdns-server pdns-backend-sqlite3 sqlite3");
    }
    try {
      Files.createDirectories(dir.resolve("run"));
      Path db = dir.resolve("pdns.sqlite3");
      Files.deleteIfExists(db);
      Process sqlite = new ProcessBuilder("sqlite3", db.toString()).redirectInput(SCHEMA.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sqlite3.log").toFile()).start();
      if (!sqlite.waitFor(30, TimeUnit.SECONDS) || sqlite.exitValue() != 0) {
        throw new IllegalStateException("sqlite3 could not create " + db + ": " + Files.readString(dir.resolve("sqlite3.log")));
      }
      int dns = dnsPort == 0 ? ChildProcess.freePort() : dnsPort;
      int apiPort = ChildProcess.freePort();
      Files.writeString(dir.resolve("pdns.conf"), String.join("\n", List.of(
          "launch=gsqlite3",
          "gsqlite3-database=" + db,
          "local-address=127.0.0.1",
          "local-port=" + dns,
          "socket-dir=" + dir.resolve("run"),
          "daemon=no",
          "guardian=no",
          "disable-syslog=yes",
          "webserver=yes",
          "webserver-address=127.0.0.1",
          "webserver-port=" + apiPort,
          "webserver-allow-from=127.0.0.0/8",
          "api=yes",
          "api-key=" + apiKey,
          // Without this the server asks a DNS name off the machine about its own version.
          "security-poll-suffix=",
          "")));
      Path log = dir.resolve("pdns_server.log");
      Process process = new ProcessBuilder(PDNS_SERVER.toString(), "--config-dir=" + dir)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PowerDns server = new PowerDns(process, dns, apiPort, apiKey, log);
      server.awaitApi();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitApi() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pdns_server exited: " + Files.readString(log));
      }
      try {
        if (request("GET", "/api/v1/servers/localhost", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IllegalStateException("pdns_server's API did not answer within 20 s: " + Files.readString(log));
  }

  /** Creates a Native zone with its SOA and one NS record, as an operator would. */
  public void createZone(String name) {
    String zone = name.endsWith(".") ? name : name + ".";
    String body = "{\"name\":\"" + zone + "\",\"kind\":\"Native\",\"nameservers\":[\"ns1." + zone + "\"]}";
    try {
      HttpResponse<String> response = request("POST", "/api/v1/servers/localhost/zones", body);
      if (response.statusCode() != 201) {
        throw new IllegalStateException("cannot create zone " + zone + ": " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One request to the API with the key: for tests that set a zone up as another tool would. */
  public HttpResponse<String> request(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("X-API-Key", apiKey).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The API's base URL, as --pdns-server takes it. */
  public String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  public int dnsPort() {
    return dnsPort;
  }

  public String apiKey() {
    return apiKey;
  }

  @Override
  public void close() {
    ChildProcess.stop(process);
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }
}
