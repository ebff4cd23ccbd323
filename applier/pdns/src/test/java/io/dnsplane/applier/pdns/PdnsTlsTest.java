package io.dnsplane.applier.pdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --tls-ca and --pdns-skip-tls-verify, against an HTTPS endpoint with a certificate of its own CA
 * (a self-signed one made with the JDK's keytool, for 127.0.0.1), answering the zone listing as
 * PowerDNS does: PowerDNS serves its API over plain HTTP and is put behind a TLS proxy, which this
 * stands for.
 */
class PdnsTlsTest {
  @TempDir
  static Path dir;

  static HttpsServer server;
  static HttpsServer mutual;
  static Path caPem;
  static Path clientPem;
  static Path clientKeyPem;

  @BeforeAll
  static void start() throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path store = dir.resolve("server.p12");
    run(keytool, "-genkeypair", "-alias", "pdns", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit");
    caPem = dir.resolve("ca.pem");
    run(keytool, "-exportcert", "-rfc", "-alias", "pdns", "-keystore", store.toString(), "-storepass", "changeit",
        "-file", caPem.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/api/v1/servers/localhost/zones", ex -> {
      byte[] body = "[{\"id\":\"example.com.\",\"name\":\"example.com.\",\"kind\":\"Native\"}]".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();

    // The same API behind mutual TLS: only the client whose certificate it trusts gets in.
    Path clientStore = dir.resolve("client.p12");
    run(keytool, "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dnsplane",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", clientStore.toString(), "-storepass", "changeit",
        "-keypass", "changeit");
    clientPem = dir.resolve("client.pem");
    run(keytool, "-exportcert", "-rfc", "-alias", "client", "-keystore", clientStore.toString(), "-storepass", "changeit",
        "-file", clientPem.toString());
    KeyStore client = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(clientStore.toFile())) {
      client.load(in, "changeit".toCharArray());
    }
    clientKeyPem = java.nio.file.Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(client.getKey("client", "changeit".toCharArray()).getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("client", client.getCertificate("client"));
    javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext mutualTls = SSLContext.getInstance("TLS");
    mutualTls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    mutual = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    mutual.setHttpsConfigurator(new HttpsConfigurator(mutualTls) {
      @Override
      public void configure(com.sun.net.httpserver.HttpsParameters params) {
        javax.net.ssl.SSLParameters ssl = mutualTls.getDefaultSSLParameters();
        ssl.setNeedClientAuth(true);
        params.setSSLParameters(ssl);
      }
    });
    mutual.createContext("/api/v1/servers/localhost/zones", ex -> {
      byte[] body = "[{\"id\":\"example.org.\",\"name\":\"example.org.\",\"kind\":\"Native\"}]".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    mutual.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    mutual.stop(0);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  private static List<Zone> zones(String... flags) {
    return zones(server, flags);
  }

  private static List<Zone> zones(HttpsServer at, String... flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "--pdns-server=https://127.0.0.1:" + at.getAddress().getPort();
    args[1] = "--pdns-api-key=k";
    System.arraycopy(flags, 0, args, 2, flags.length);
    return new PdnsProviderFactory(Map.of()).create(args, RequestBudget.UNLIMITED).zones();
  }

  @Test
  void theApisCertificateIsTrustedThroughTlsCa() {
    assertThat(zones("--tls-ca=" + caPem)).containsExactly(new Zone("example.com.", "example.com"));
  }

  @Test
  void aCertificateOfAnUnknownCaIsRefusedUnlessVerificationIsSkipped() {
    assertThatThrownBy(() -> zones()).isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(RetryableProviderException.class).hasMessageContaining("listing zones")
        .hasMessageContaining("TLS certificate is not trusted").hasMessageContaining("give --tls-ca FILE");
    assertThat(zones("--pdns-skip-tls-verify")).extracting(Zone::name).containsExactly("example.com");
  }

  @Test
  void aCaFileThatIsNotACertificateIsRefusedNamingIt() throws Exception {
    Path bad = java.nio.file.Files.writeString(dir.resolve("bad.pem"), "not a certificate");
    assertThatThrownBy(() -> zones("--tls-ca=" + bad)).hasMessageContaining("--tls-ca " + bad);
  }

  @Test
  void behindMutualTlsTheClientCertificateGetsIn() throws Exception {
    assertThat(zones(mutual, "--tls-ca=" + caPem, "--tls-client-cert=" + clientPem, "--tls-client-cert-key=" + clientKeyPem))
        .extracting(Zone::name).containsExactly("example.org");
    assertThatThrownBy(() -> zones(mutual, "--tls-ca=" + caPem)).hasMessageContaining("PowerDNS listing zones");
    assertThatThrownBy(() -> zones(mutual, "--tls-ca=" + caPem, "--tls-client-cert=" + clientPem))
        .hasMessageContaining("--tls-client-cert and --tls-client-cert-key go together");
    Path pkcs1 = java.nio.file.Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> zones(mutual, "--tls-client-cert=" + clientPem, "--tls-client-cert-key=" + pkcs1))
        .hasMessageContaining("not a PKCS#8 PEM key").hasMessageContaining("openssl pkcs8 -topk8");
  }
}
