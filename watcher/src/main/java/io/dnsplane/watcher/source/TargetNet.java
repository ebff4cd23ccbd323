package io.dnsplane.watcher.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IP network in CIDR notation (192.0.2.0/24, 2001:db8::/32), for --target-net-filter and
 * --exclude-target-net. Written here: the JDK has no CIDR type and the matching is a few lines.
 */
public record TargetNet(byte[] network, int prefixLength, String text) {
  /** @throws IllegalArgumentException for anything but an address/prefix-length */
  public static TargetNet parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a network in CIDR notation (address/prefix-length): " + cidr);
    }
    byte[] address = literal(text.substring(0, slash))
        .orElseThrow(() -> new IllegalArgumentException("not a network in CIDR notation: " + cidr));
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a network in CIDR notation: " + cidr);
    }
    if (prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException("prefix length out of range in " + cidr);
    }
    return new TargetNet(mask(address, prefix), prefix, text);
  }

  /** Whether the target is an IP address inside this network; a host name never is (as ExternalDNS). */
  public boolean contains(String target) {
    return literal(target.trim()).filter(a -> a.length == network.length)
        .map(a -> java.util.Arrays.equals(mask(a, prefixLength), network)).orElse(false);
  }

  /** The bytes of an IP literal; empty for anything else (no name is ever resolved). */
  static Optional<byte[]> literal(String s) {
    if (s.isEmpty() || !(s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - bits)));
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetNet t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
