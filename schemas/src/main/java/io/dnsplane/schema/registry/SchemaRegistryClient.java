package io.dnsplane.schema.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * The part of Confluent Schema Registry's REST API dnsplane uses: register a schema under a subject,
 * look one up, fetch a schema by id, check compatibility. Confluent's own client jars are not served
 * where dnsplane is built, so this small client is written here, against the API reference; it is
 * tested against a real registry (Apicurio Registry's Confluent API). Settings are named as
 * Confluent's clients name them: {@code basic.auth.credentials.source=USER_INFO},
 * {@code basic.auth.user.info}, {@code schema.registry.ssl.truststore.location}, ...
 *
 * <p>Calls that find nobody answering, or a 5xx, are retried with backoff until {@code timeout}.
 */
public final class SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

  /** Thrown for what retrying cannot mend: a refused schema, bad credentials, a missing subject. */
  public static final class RegistryException extends RuntimeException {
    private final int status;

    RegistryException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public SchemaRegistryClient(String url, Map<String, String> properties, Duration timeout) {
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.timeout = timeout;
    this.authorization = basicAuth(properties);
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (base.getScheme().equals("https")) {
      builder.sslContext(sslContext(properties));
    }
    this.http = builder.build();
  }

  public String url() {
    return base.toString();
  }

  private static Optional<String> basicAuth(Map<String, String> p) {
    String source = p.getOrDefault("basic.auth.credentials.source", p.containsKey("basic.auth.user.info") ? "USER_INFO" : "");
    if (source.isEmpty()) {
      return Optional.empty();
    }
    if (!source.equals("USER_INFO")) {
      throw new IllegalArgumentException("basic.auth.credentials.source must be USER_INFO (the only source dnsplane reads): " + source);
    }
    String userInfo = p.get("basic.auth.user.info");
    if (userInfo == null || !userInfo.contains(":")) {
      throw new IllegalArgumentException("basic.auth.user.info must be USER:PASSWORD");
    }
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  private static SSLContext sslContext(Map<String, String> p) {
    try {
      TrustManagerFactory trust = null;
      String truststore = p.get("schema.registry.ssl.truststore.location");
      if (truststore != null) {
        KeyStore store = load(truststore, p.getOrDefault("schema.registry.ssl.truststore.type", "PKCS12"),
            p.get("schema.registry.ssl.truststore.password"));
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      KeyManagerFactory keys = null;
      String keystore = p.get("schema.registry.ssl.keystore.location");
      if (keystore != null) {
        String password = p.get("schema.registry.ssl.keystore.password");
        KeyStore store = load(keystore, p.getOrDefault("schema.registry.ssl.keystore.type", "PKCS12"), password);
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, p.getOrDefault("schema.registry.ssl.key.password", password == null ? "" : password).toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String location, String type, String password) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password == null ? null : password.toCharArray());
    }
    return store;
  }

  /** POST /subjects/{subject}/versions: the id of {@code schema} under {@code subject}, registering it if new. */
  public int register(String subject, Schema schema) {
    String body = send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
    return id(body);
  }

  /** POST /subjects/{subject}: the id of {@code schema} if {@code subject} already has it; empty if not. */
  public Optional<Integer> lookup(String subject, Schema schema) {
    try {
      return Optional.of(id(send("POST", "subjects/" + encode(subject), schemaBody(schema))));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** POST /compatibility/subjects/{subject}/versions/latest: whether {@code schema} may follow the latest version. */
  public boolean isCompatible(String subject, Schema schema) {
    try {
      return json(send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema)))
          .path("is_compatible").asBoolean(false);
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return true; // nothing registered yet: anything goes
      }
      throw e;
    }
  }

  /** GET /config/{subject}, else GET /config: the compatibility rule the subject is held to. */
  public String compatibility(String subject) {
    try {
      String level = level(json(send("GET", "config/" + encode(subject), null)));
      if (!level.isEmpty()) {
        return level;
      }
    } catch (RegistryException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    String level = level(json(send("GET", "config", null)));
    return level.isEmpty() ? "unknown" : level;
  }

  /** GET /schemas/ids/{id}, cached: ids never change their schema. */
  public Schema schemaById(int id) {
    return byId.computeIfAbsent(id, i -> {
      String text = json(send("GET", "schemas/ids/" + i, null)).path("schema").asText("");
      if (text.isEmpty()) {
        throw new RegistryException(0, "the schema registry's answer for id " + i + " holds no schema");
      }
      return new Schema.Parser().parse(text);
    });
  }

  private static String schemaBody(Schema schema) {
    ObjectNode body = JSON.createObjectNode();
    body.put("schemaType", "AVRO");
    body.put("schema", schema.toString());
    return body.toString();
  }

  private static int id(String body) {
    JsonNode id = json(body).path("id");
    if (!id.isInt()) {
      throw new RegistryException(0, "the schema registry answered without an id: " + body);
    }
    return id.asInt();
  }

  /** Confluent answers {"compatibilityLevel": ...}; some versions and Apicurio {"compatibility": ...}. */
  private static String level(JsonNode config) {
    return config.path("compatibilityLevel").asText(config.path("compatibility").asText(""));
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      throw new RegistryException(0, "the schema registry answered something that is not JSON: " + body);
    }
  }

  private String send(String method, String path, String body) {
    Instant deadline = Instant.now().plus(timeout);
    long backoff = 200;
    while (true) {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
          .header("Accept", CONTENT_TYPE)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      authorization.ifPresent(a -> request.header("Authorization", a));
      String problem;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body();
        }
        if (status < 500) {
          throw new RegistryException(status, describe(status, response.body()));
        }
        problem = "HTTP " + status + " " + message(response.body());
      } catch (IOException e) {
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(0, "interrupted while calling the schema registry at " + base);
      }
      if (Instant.now().plusMillis(backoff).isAfter(deadline)) {
        throw new RegistryException(0, "the schema registry at " + base + " did not answer within " + timeout
            + " (" + problem + ")");
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(0, "interrupted while waiting for the schema registry at " + base);
      }
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  private String describe(int status, String body) {
    return switch (status) {
      case 401, 403 -> "the schema registry at " + base + " refused our credentials (HTTP " + status
          + "; check basic.auth.user.info): " + message(body);
      default -> "the schema registry at " + base + " answered HTTP " + status + ": " + message(body);
    };
  }

  private static String message(String body) {
    try {
      JsonNode message = JSON.readTree(body == null || body.isEmpty() ? "{}" : body).path("message");
      return message.isTextual() ? message.asText() : body;
    } catch (IOException e) {
      return body;
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

}
