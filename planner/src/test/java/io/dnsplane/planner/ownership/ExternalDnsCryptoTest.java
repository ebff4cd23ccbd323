package io.dnsplane.planner.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ExternalDNS's endpoint/crypto_test.go (v0.22), ported to {@link TxtEncryption}: TestEncrypt whole.
 * TestGenerateNonceSuccess and TestGenerateNonceError test Go's random nonce, which dnsplane does
 * not draw (the nonce follows from the value, see TxtEncryption): its length is checked instead.
 */
class ExternalDnsCryptoTest {
  private static final String AES_KEY = "s%zF`.*'5`9.AhI2!B,.~hmbs^.*TL?;";
  private static final String PLAINTEXT = "Lorem Ipsum is simply dummy text of the printing and typesetting industry. Lorem Ipsum has been the industry's standard dummy text ever since the 1500s, when an unknown printer took a galley of type and scrambled it to make a type specimen book. It has survived not only five centuries, but also the leap into electronic typesetting, remaining essentially unchanged. It was popularised in the 1960s with the release of Letraset sheets containing Lorem Ipsum passages, and more recently with desktop publishing software like Aldus PageMaker including versions of Lorem Ipsum.";
  private static final String KNOWN = "0Mfzf6wsN8llrfX0ucDZ6nlc2+QiQfKKedjPPLu5atb2I35L9nUZeJcCnuLVW7CVW3K0h94vSuBLdXnMrj8Vcm0M09shxaoF48IcCpD03XtQbKXqk2hPbsW6+JybvplHIQGr16/PcjUSObGmR9yjf38+qEltApkKvrPjsyw43BX4eE10rL0Bln33UJD7/w+zazRDPFlAcbGtkt0ETKHnvyB3/aCddLipvrhjCXj2ZY/ktRF6h716kJRgXU10dCIQHFYU45MIdxI+k10HK3yZqhI2V0Gp2xjrFV/LRQ7/OS9SFee4asPWUYxbCEsnOzp8qc0dCPFSo1dtADzWnUZnsAcbnjtudT4milfLJc5CxDk1v3ykqQ/ajejwHjWQ7b8U6AsTErbezfdcqrb5IzkLgHb5TosnfrdDmNc9GcKfpsrCHbVY8KgNwMVdtwavLv7d9WM6sooUlZ3t0sABGkzagXQmPRvwLnkSOlie5XrnzWo8/8/4UByLga29CaXO";

  @Test
  void TestEncrypt() {
    TxtEncryption encryption = TxtEncryption.withKey(AES_KEY);
    String encrypted = encryption.encrypt(PLAINTEXT);
    assertThat(encryption.decrypt(encrypted)).as("encrypted and decrypted").contains(PLAINTEXT);
    assertThat(TxtEncryption.withKey("s'J!jD`].LC?g&Oa11AgTub,j48ts/96").decrypt(encrypted)).as("a wrong key").isEmpty();
    assertThat(encryption.decrypt(PLAINTEXT)).as("unencrypted input").isEmpty();
    assertThat(encryption.decrypt(KNOWN)).as("a text ExternalDNS encrypted").contains(PLAINTEXT);
  }

  @Test
  void TestGenerateNonceSuccess() {
    byte[] sealed = java.util.Base64.getDecoder().decode(TxtEncryption.withKey(AES_KEY).encrypt(PLAINTEXT));
    // standardGcmNonceSize: 12 bytes, first; then the sealed text and its 16-byte tag.
    assertThat(sealed.length).isGreaterThan(12 + 16);
    assertThat(TxtEncryption.withKey(AES_KEY).decrypt(java.util.Base64.getEncoder().encodeToString(
        java.util.Arrays.copyOf(sealed, 12)))).as("a nonce alone is no text").isEmpty();
  }
}
