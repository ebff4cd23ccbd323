package io.dnsplane.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real schema registry for tests: Apicurio Registry 2.6 (unpacked from Maven Central by the local
 * module's build), in memory, on 127.0.0.1 and a free port, speaking Confluent's REST API under
 * {@code /apis/ccompat/v7}. Stopped by {@link #close()}.
 */
final class ApicurioRegistry implements AutoCloseable {
  private final Process process;
  private final int port;

  private ApicurioRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ApicurioRegistry start(Path logDir) throws IOException {
    return start(logDir, EmbeddedKafka.freePort());
  }

  /** Starts on {@code port}; returns once its Confluent API answers. */
  static ApicurioRegistry start(Path logDir, int port) throws IOException {
    String runner = System.getProperty("apicurio.runner");
    if (runner == null || !Files.exists(Path.of(runner))) {
      throw new IllegalStateException("Apicurio Registry is not unpacked (" + runner + "): run the tests with"
          + " `mvn verify`, whose pre-integration-test phase unpacks it from Maven Central");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.createDirectories(logDir);
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx512m",
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
        "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + EmbeddedKafka.freePort(),
        "-Dquarkus.log.level=WARN", "-jar", runner))
        .redirectErrorStream(true).redirectOutput(logDir.resolve("apicurio-" + port + ".log").toFile()).start();
    ApicurioRegistry registry = new ApicurioRegistry(process, port);
    registry.awaitReady(Duration.ofSeconds(90));
    return registry;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue());
            }
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      close();
      throw new IllegalStateException("Apicurio Registry did not answer within " + timeout
          + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"), e);
    }
  }

  /** A raw call to its Confluent API, for the test's own checks and set-up. */
  HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
