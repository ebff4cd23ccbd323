package io.dnsplane.planner.ownership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ExternalDNS's --txt-encrypt-enabled format (endpoint/crypto.go): base64(nonce || AES-256-GCM(
 * gzip(value))), 12-byte nonce, 128-bit tag. Written with the JDK's AES-GCM and gzip.
 *
 * <p>The nonce follows from the value (an HMAC-SHA256 of it under a key derived from the AES key,
 * as deterministic AEAD constructions do): the same value always encrypts to the same text, so a
 * plan is the same whenever it is made (a replay reproduces it) and an unchanged owner never
 * rewrites its TXT record; two different values never share a nonce. ExternalDNS, which reads the
 * nonce from the text, reads these as its own.
 */
public final class TxtEncryption {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String NONCE_KEY_LABEL = "dnsplane txt-encrypt nonce";

  private final SecretKeySpec key;
  private final SecretKeySpec nonceKey;

  private TxtEncryption(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
    this.nonceKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"),
        NONCE_KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * The key as ExternalDNS takes it (registry/txt/registry.go): 32 characters, or the standard,
   * padded base64 of 32 bytes (Go's StdEncoding: URL-safe or unpadded forms are refused).
   */
  public static TxtEncryption withKey(String key) {
    byte[] raw = key.getBytes(StandardCharsets.UTF_8);
    if (raw.length != 32) {
      raw = decodeStandardBase64(key).filter(b -> b.length == 32).orElseThrow(() -> new IllegalArgumentException(
          "--txt-encrypt-aes-key must be 32 bytes, or their standard base64 encoding (with its padding)"));
    }
    return new TxtEncryption(raw);
  }

  private static Optional<byte[]> decodeStandardBase64(String s) {
    if (s.length() % 4 != 0) {
      return Optional.empty(); // unpadded: Java's decoder would take it, Go's StdEncoding does not
    }
    try {
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String encrypt(String plain) {
    byte[] nonce = Arrays.copyOf(hmac(nonceKey, plain.getBytes(StandardCharsets.UTF_8)), NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(gzip(plain.getBytes(StandardCharsets.UTF_8)));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot encrypt a TXT ownership value", e);
    }
  }

  /** The plain value, or empty when the text is not ours to decrypt (plain, or another key). */
  public Optional<String> decrypt(String text) {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (data.length <= NONCE_BYTES) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Optional.of(new String(gunzipOrRaw(plain), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) { { def.setLevel(Deflater.BEST_COMPRESSION); } }) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Early ExternalDNS versions did not compress: take the bytes as they are when they are not gzip. */
  private static byte[] gunzipOrRaw(byte[] data) {
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readAllBytes();
    } catch (IOException e) {
      return data;
    }
  }
}
