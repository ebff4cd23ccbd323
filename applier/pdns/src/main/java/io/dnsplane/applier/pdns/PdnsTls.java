package io.dnsplane.applier.pdns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS settings of the PowerDNS API client, ExternalDNS's flags: --tls-ca (the CA that signed the
 * API's certificate), --tls-client-cert and --tls-client-cert-key (mutual TLS, PEM; the key in
 * PKCS#8), --pdns-skip-tls-verify. With the JDK's own TLS: no library needed.
 */
final class PdnsTls {
  private PdnsTls() {}

  static SSLContext context(boolean skipVerify, Path ca, Path clientCert, Path clientKey) {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException("--tls-client-cert and --tls-client-cert-key go together");
    }
    if (!skipVerify && ca == null && clientCert == null) {
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(clientCert == null ? null : keyManagers(clientCert, clientKey),
          skipVerify ? new TrustManager[] {new TrustEverything()} : ca == null ? null : trustManagers(ca), new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS settings: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(Path ca) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : certificates(ca, "--tls-ca")) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("--tls-ca " + ca + ": " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(Path cert, Path key) {
    try {
      List<Certificate> chain = certificates(cert, "--tls-client-cert");
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setKeyEntry("client", privateKey(key), new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
      return keys.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("--tls-client-cert " + cert + ": " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path file, String flag) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in it");
      }
      return certs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + flag + " " + file, e);
    }
  }

  /** A PKCS#8 PEM key ("BEGIN PRIVATE KEY"), EC or RSA. */
  static PrivateKey privateKey(Path file) throws GeneralSecurityException {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --tls-client-cert-key " + file, e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("--tls-client-cert-key " + file + ": not a PKCS#8 PEM key (BEGIN PRIVATE KEY);"
          + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
        pem.indexOf("-----END PRIVATE KEY-----")));
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // the next algorithm
      }
    }
    throw new IllegalArgumentException("--tls-client-cert-key " + file + ": an EC, RSA or Ed25519 PKCS#8 key is needed");
  }

  /** --pdns-skip-tls-verify: as ExternalDNS's InsecureSkipVerify. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
