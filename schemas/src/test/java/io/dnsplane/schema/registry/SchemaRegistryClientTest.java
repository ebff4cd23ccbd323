package io.dnsplane.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.schema.ContractSchemas;
import io.dnsplane.schema.registry.SchemaRegistryClient.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry client sends and how it reads answers it cannot mend, against a small HTTP
 * server on loopback (the real registry is SchemaRegistryIT's): Confluent's Basic auth, the
 * credentials error, 5xx retried, and the round trip of its framing.
 */
class SchemaRegistryClientTest {
  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int status = 200;

  private String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.getRequestBody().readAllBytes();
      int code = failuresLeft.getAndDecrement() > 0 ? 503 : status;
      String path = exchange.getRequestURI().getPath();
      String body = code != 200 ? "{\"error_code\":" + code + ",\"message\":\"nope\"}"
          : path.contains("/schemas/ids/") ? "{\"schema\":" + quoted(ContractSchemas.schemaOf(ZoneRef.class).toString()) + "}"
          : "{\"id\":7}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(code, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  private static String quoted(String s) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void sendsBasicAuthAsConfluentsClientsConfigureIt() throws IOException {
    SchemaRegistryClient client = new SchemaRegistryClient(start(), Map.of("basic.auth.credentials.source", "USER_INFO",
        "basic.auth.user.info", "dnsplane:s3cret"), Duration.ofSeconds(5));
    assertThat(client.register("t-value", ContractSchemas.schemaOf(ZoneRef.class))).isEqualTo(7);
    assertThat(authorizations).containsExactly("Basic ZG5zcGxhbmU6czNjcmV0");
  }

  @Test
  void refusedCredentialsSaySoWithoutRetryingOrShowingThem() throws IOException {
    status = 401;
    SchemaRegistryClient client = new SchemaRegistryClient(start(), Map.of("basic.auth.user.info", "dnsplane:s3cret"),
        Duration.ofSeconds(30));
    assertThatThrownBy(() -> client.register("t-value", ContractSchemas.schemaOf(ZoneRef.class)))
        .isInstanceOf(RegistryException.class).hasMessageContaining("refused our credentials")
        .hasMessageContaining("basic.auth.user.info").hasMessageNotContaining("s3cret");
    assertThat(authorizations).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedUntilTheRegistryAnswers() throws IOException {
    failuresLeft.set(3);
    SchemaRegistryClient client = new SchemaRegistryClient(start(), Map.of(), Duration.ofSeconds(30));
    assertThat(client.register("t-value", ContractSchemas.schemaOf(ZoneRef.class))).isEqualTo(7);
    assertThat(authorizations).hasSize(4);
  }

  @Test
  void badSettingsFailAtStartNamingThem() {
    assertThatThrownBy(() -> new SchemaRegistryClient("http://127.0.0.1:1", Map.of("basic.auth.credentials.source", "URL"),
        Duration.ofSeconds(1))).hasMessageContaining("basic.auth.credentials.source must be USER_INFO");
    assertThatThrownBy(() -> new SchemaRegistryClient("http://127.0.0.1:1", Map.of("basic.auth.user.info", "nocolon"),
        Duration.ofSeconds(1))).hasMessageContaining("USER:PASSWORD");
  }

  @Test
  void framesAsConfluentDoesAndReadsItBack() throws IOException {
    ConfluentWireFormat wire = new ConfluentWireFormat(new SchemaRegistryClient(start(), Map.of(), Duration.ofSeconds(5)), true);
    var serde = wire.serde(ZoneRef.class, true);
    byte[] bytes = serde.serializer().serialize("dnsplane.provider-zones", new ZoneRef("aws", "Z1"));
    assertThat(bytes[0]).isZero();
    assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(7);
    assertThat(serde.deserializer().deserialize("dnsplane.provider-zones", bytes)).isEqualTo(new ZoneRef("aws", "Z1"));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {(byte) 0xC3, 1, 2, 3, 4, 5}))
        .hasMessageContaining("not Confluent's wire format");
  }
}
