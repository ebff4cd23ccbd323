package io.dnsplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A SASL_SSL listener for the embedded broker, as MSK, Confluent Cloud and Strimzi offer: TLS with
 * a self-signed certificate for 127.0.0.1 made here with the JDK's keytool, and one user who may
 * log in with SCRAM-SHA-512 or PLAIN. Clients get standard properties ({@link #clientProperties}).
 */
public record KafkaSecurity(Path keystore, Path truststore, String storePassword, String user, String password) {
  public static final String SCRAM = "SCRAM-SHA-512";
  public static final String PLAIN = "PLAIN";

  /** Makes a key pair, its certificate and a truststore holding it in {@code dir}; a random password. */
  public static KafkaSecurity generate(Path dir, String user) {
    try {
      Files.createDirectories(dir);
      String storePassword = random();
      Path keystore = dir.resolve("broker.p12");
      Path cert = dir.resolve("broker.crt");
      Path truststore = dir.resolve("truststore.p12");
      for (Path p : List.of(keystore, cert, truststore)) {
        Files.deleteIfExists(p);
      }
      keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
          "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
          "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword);
      keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", storePassword,
          "-rfc", "-file", cert.toString());
      keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
          "-keystore", truststore.toString(), "-storepass", storePassword);
      return new KafkaSecurity(keystore, truststore, storePassword, user, random());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the broker's certificate in " + dir, e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The broker's settings for one SASL_SSL listener besides the controller's. */
  Map<String, String> brokerProperties(int port, int controllerPort) {
    Map<String, String> props = new TreeMap<>();
    props.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    props.put("inter.broker.listener.name", "SASL_SSL");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
    props.put("sasl.enabled.mechanisms", SCRAM + "," + PLAIN);
    props.put("sasl.mechanism.inter.broker.protocol", SCRAM);
    props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
            + password + "\";");
    props.put("listener.name.sasl_ssl.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
            + password + "\" user_" + user + "=\"" + password + "\";");
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", keystore.toString());
    props.put("ssl.keystore.password", storePassword);
    props.put("ssl.key.password", storePassword);
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", truststore.toString());
    props.put("ssl.truststore.password", storePassword);
    return props;
  }

  /** StorageTool's argument that stores the user's SCRAM credential in the cluster's first metadata. */
  String scramCredential() {
    return SCRAM + "=[name=" + user + ",password=" + password + "]";
  }

  /** Standard client properties: SASL_SSL with {@code mechanism} as this user, trusting the broker's certificate. */
  public Map<String, String> clientProperties(String mechanism, String password) {
    return clientProperties(mechanism, user, password);
  }

  /** As above, as another user (one the broker was given besides this one, e.g. a watcher's). */
  public Map<String, String> clientProperties(String mechanism, String user, String password) {
    Map<String, String> props = new TreeMap<>();
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", mechanism);
    String module = mechanism.equals(PLAIN) ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
    props.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + password + "\";");
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", truststore.toString());
    props.put("ssl.truststore.password", storePassword);
    return props;
  }

  public Map<String, String> clientProperties(String mechanism) {
    return clientProperties(mechanism, password);
  }
}
