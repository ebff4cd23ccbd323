package io.dnsplane.planner.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's endpoint/labels_test.go (v0.22), ported to {@link OwnershipValue} and
 * {@link TxtEncryption}: its suite's fixtures and every assertion of TestSerialize, TestDeserialize,
 * TestParseLabels and the encryption tests, each named after its Go test. Deliberate differences:
 * TestEncryptionNonceReUsage (dnsplane derives the nonce from the value and does not rewrite a TXT
 * whose decrypted value agrees, so an ExternalDNS-encrypted TXT stays as it is), TestEncryptionFailed
 * and TestEncryptionFailedFaultyReader (a wrong key is refused when the planner starts, and no random
 * source is read, so neither can fail at a write).
 */
class ExternalDnsLabelsTest {
  private static final String AES_KEY = ")K_Fy|?Z.64#UuHm`}[d!GC%WJM_fs{_";
  private static final Map<String, String> FOO = Map.of("owner", "foo-owner", "resource", "foo-resource");
  private static final String FOO_AS_TEXT = "heritage=external-dns,external-dns/owner=foo-owner,external-dns/resource=foo-resource";
  private static final String FOO_AS_TEXT_WITH_QUOTES = "\"" + FOO_AS_TEXT + "\"";
  private static final String FOO_AS_TEXT_ENCRYPTED = "+lvP8q9KHJ6BS6O81i2Q6DLNdf2JSKy8j/gbZKviTZlGYj7q+yDoYMgkQ1hPn6urtGllM5bfFMcaaHto52otQtiOYrX8990J3kQqg4s47m3bH3Ejl8RSxSSuWJM3HJtPghQzYg0/LSOsdQ0=";
  private static final String FOO_AS_TEXT_WITH_QUOTES_ENCRYPTED = "\"" + FOO_AS_TEXT_ENCRYPTED + "\"";
  private static final Map<String, String> BAR_TEXT_AS_MAP = Map.of("owner", "bar-owner", "resource", "bar-resource",
      "new-key", "bar-new-key");
  private static final String BAR_TEXT = "heritage=external-dns,,external-dns/owner=bar-owner,external-dns/resource=bar-resource,external-dns/new-key=bar-new-key,random=stuff,no-equal-sign,,";
  private static final String NO_HERITAGE_TEXT = "external-dns/owner=random-owner";
  private static final String WRONG_HERITAGE_TEXT = "heritage=mate,external-dns/owner=random-owner";
  private static final String MULTIPLE_HERITAGE_TEXT = "heritage=mate,heritage=external-dns,external-dns/owner=random-owner";

  /** NewLabelsFromString: decrypted with the key when it is encrypted, then read as plain. */
  private static Optional<Map<String, String>> fromString(String text, String key) {
    String unquoted = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    return OwnershipValue.decode(TxtEncryption.withKey(key).decrypt(unquoted).orElse(text));
  }

  @Test
  void TestLabels_TestSerialize() {
    // SerializePlain(true) and Serialize(true, false, key): quoted, keys sorted.
    assertThat(OwnershipValue.encode(FOO)).isEqualTo(FOO_AS_TEXT_WITH_QUOTES);
    // SerializePlain(false): the same without its quotes.
    String plain = OwnershipValue.encode(FOO);
    assertThat(plain.substring(1, plain.length() - 1)).isEqualTo(FOO_AS_TEXT);
    // Serialize(_, true, key): encrypted, so not the plain text, and read back to it.
    String encrypted = TxtEncryption.withKey(AES_KEY).encrypt(FOO_AS_TEXT);
    assertThat(encrypted).isNotEqualTo(FOO_AS_TEXT);
    assertThat(fromString(encrypted, AES_KEY)).contains(FOO);
  }

  @Test
  void TestLabels_TestEncryptionNonceReUsage() {
    // Deliberate difference: ExternalDNS keeps the nonce it read and writes the same text again.
    // dnsplane reads it alike and, the decrypted values agreeing, leaves the record as it is.
    assertThat(fromString(FOO_AS_TEXT_ENCRYPTED, AES_KEY)).contains(FOO);
    String written = TxtEncryption.withKey(AES_KEY).encrypt(FOO_AS_TEXT);
    assertThat(fromString(written, AES_KEY)).isEqualTo(fromString(FOO_AS_TEXT_ENCRYPTED, AES_KEY));
  }

  @Test
  void TestLabels_TestEncryptionKeyChanged() {
    String other = TxtEncryption.withKey("passphrasewhichneedstobe32bytes!").encrypt(FOO_AS_TEXT);
    assertThat(other).isNotEqualTo(FOO_AS_TEXT_ENCRYPTED);
    assertThat(TxtEncryption.withKey(AES_KEY).decrypt(other)).isEmpty();
  }

  static Stream<Arguments> TestLabels_TestDeserialize() {
    return Stream.of(
        Arguments.of("fooAsText plain", FOO_AS_TEXT, null, FOO),
        Arguments.of("fooAsTextWithQuotes plain", FOO_AS_TEXT_WITH_QUOTES, null, FOO),
        Arguments.of("fooAsTextEncrypted", FOO_AS_TEXT_ENCRYPTED, AES_KEY, FOO),
        Arguments.of("fooAsTextWithQuotesEncrypted", FOO_AS_TEXT_WITH_QUOTES_ENCRYPTED, AES_KEY, FOO),
        Arguments.of("barText plain: empty tokens, tokens without '=' and other keys skipped", BAR_TEXT, null, BAR_TEXT_AS_MAP),
        Arguments.of("barText with a key: not encrypted, read as plain", BAR_TEXT, AES_KEY, BAR_TEXT_AS_MAP),
        Arguments.of("noHeritageText: refused", NO_HERITAGE_TEXT, null, null),
        Arguments.of("wrongHeritageText: refused", WRONG_HERITAGE_TEXT, null, null),
        Arguments.of("multipleHeritageText: refused", MULTIPLE_HERITAGE_TEXT, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestLabels_TestDeserialize")
  void TestLabels_TestDeserialize(String description, String text, String key, Map<String, String> expected) {
    Optional<Map<String, String>> read = key == null ? OwnershipValue.decode(text) : fromString(text, key);
    if (expected == null) {
      assertThat(read).isEmpty();
    } else {
      assertThat(read).contains(expected);
    }
  }

  static Stream<Arguments> TestParseLabels() {
    return Stream.of(
        Arguments.of("parses regular owner value",
            "heritage=external-dns,external-dns/owner=team-platform,external-dns/resource=ingress/default/example",
            Map.of("owner", "team-platform", "resource", "ingress/default/example")),
        Arguments.of("preserves equals in owner value",
            "heritage=external-dns,external-dns/owner=team=platform,external-dns/resource=ingress/default/example",
            Map.of("owner", "team=platform", "resource", "ingress/default/example")));
  }

  @ParameterizedTest(name = "TestParseLabels/{0}")
  @MethodSource("TestParseLabels")
  void TestParseLabels(String name, String text, Map<String, String> expected) {
    assertThat(OwnershipValue.decode(text)).contains(expected);
  }

  @Test
  void theKeyIsTakenAsExternalDnsTakesIt() {
    byte[] key = AES_KEY.getBytes(StandardCharsets.UTF_8);
    String padded = Base64.getEncoder().encodeToString(key);
    String encrypted = TxtEncryption.withKey(padded).encrypt(FOO_AS_TEXT);
    assertThat(TxtEncryption.withKey(AES_KEY).decrypt(encrypted)).contains(FOO_AS_TEXT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TxtEncryption.withKey(padded.replace("=", "")))
        .as("unpadded, as Go's StdEncoding refuses it").hasMessageContaining("standard base64");
    byte[] urlUnsafe = new byte[32];
    java.util.Arrays.fill(urlUnsafe, (byte) 0xfb);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TxtEncryption.withKey(
        Base64.getUrlEncoder().encodeToString(urlUnsafe))).as("URL-safe alphabet").hasMessageContaining("standard base64");
  }
}
