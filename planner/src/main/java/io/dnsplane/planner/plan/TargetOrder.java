package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ExternalDNS's conflict order (plan/conflict.go, endpoint.Targets.IsLess): fewer targets first;
 * at the first differing target an IP address beats a host name, IPs compare numerically, and host
 * names lexicographically (ExternalDNS leaves those to input order; we need a total order because
 * our inputs come from several clusters in no fixed order). Ties fall back to the resource label.
 */
public final class TargetOrder {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  public static final Comparator<Endpoint> PREFERRED = TargetOrder::compare;

  private TargetOrder() {}

  static int compare(Endpoint x, Endpoint y) {
    int byTargets = compareTargets(x.targets(), y.targets());
    if (byTargets != 0) {
      return byTargets;
    }
    return x.label(Endpoint.LABEL_RESOURCE).compareTo(y.label(Endpoint.LABEL_RESOURCE));
  }

  static int compareTargets(List<String> x, List<String> y) {
    if (x.size() != y.size()) {
      return Integer.compare(x.size(), y.size());
    }
    for (int i = 0; i < x.size(); i++) {
      String a = x.get(i);
      String b = y.get(i);
      if (a.equals(b)) {
        continue;
      }
      Optional<BigInteger> ipA = ip(a);
      Optional<BigInteger> ipB = ip(b);
      if (ipA.isPresent() && ipB.isPresent()) {
        return ipA.get().compareTo(ipB.get());
      }
      if (ipA.isPresent() != ipB.isPresent()) {
        return ipA.isPresent() ? -1 : 1;
      }
      return a.compareTo(b);
    }
    return 0;
  }

  private static Optional<BigInteger> ip(String s) {
    if (!IP_LITERAL.matcher(s).matches() || !(s.contains(":") || s.chars().filter(c -> c == '.').count() == 3)) {
      return Optional.empty();
    }
    try {
      // Literal-only input (checked above): InetAddress parses without a lookup.
      byte[] bytes = InetAddress.getByName(s).getAddress();
      BigInteger value = new BigInteger(1, bytes);
      // IPv4 sorts before IPv6.
      return Optional.of(bytes.length == 4 ? value : value.add(BigInteger.ONE.shiftLeft(32)));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }
}
