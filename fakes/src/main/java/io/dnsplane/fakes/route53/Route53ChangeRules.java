package io.dnsplane.fakes.route53;

import static io.dnsplane.fakes.route53.Xml.child;
import static io.dnsplane.fakes.route53.Xml.children;
import static io.dnsplane.fakes.route53.Xml.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** What Route53 checks in a ChangeResourceRecordSets request, and the all-or-nothing apply. */
final class Route53ChangeRules {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private Route53ChangeRules() {}

  /** Applies the changes to the zone when all are valid; otherwise changes nothing and says why. */
  static List<String> apply(HostedZone zone, List<Element> changes) {
    List<String> problems = new ArrayList<>();
    int count = 0;
    int chars = 0;
    int values = 0;
    for (Element change : changes) {
      int weight = "UPSERT".equals(text(change, "Action")) ? 2 : 1;
      Element set = child(change, "ResourceRecordSet");
      count += weight;
      for (String v : values(set)) {
        chars += weight * v.length();
        values += weight;
      }
    }
    if (count > 1000 || values > 1000) {
      return List.of("Number of records limit of 1000 exceeded.");
    }
    if (chars > 32000) {
      return List.of("RDATA character limit of 32000 exceeded.");
    }
    java.util.NavigableMap<String, Element> working = new TreeMap<>(zone.sets);
    Set<String> seen = new HashSet<>();
    for (Element change : changes) {
      String action = text(change, "Action");
      Element set = child(change, "ResourceRecordSet");
      String name = HostedZone.fqdn(text(set, "Name"));
      child(set, "Name").setTextContent(name);
      String type = text(set, "Type");
      String id = text(set, "SetIdentifier") == null ? "" : text(set, "SetIdentifier");
      String key = HostedZone.key(name, type, id);
      String describe = "[name='" + name + "', type='" + type + "'" + (id.isEmpty() ? "" : ", set-identifier='" + id + "'") + "]";
      if (!seen.add(key)) {
        problems.add("The request contains an invalid set of changes for a resource record set '" + type + " " + name + "'");
        continue;
      }
      if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
        problems.add("RRSet with DNS name " + name + " is not permitted in zone " + zone.name);
        continue;
      }
      Element existing = working.get(key);
      switch (action) {
        case "CREATE", "UPSERT" -> {
          if (action.equals("CREATE") && existing != null) {
            problems.add("Tried to create resource record set " + describe + " but it already exists");
            continue;
          }
          String invalid = invalidValues(type, set);
          if (invalid != null) {
            problems.add(invalid);
            continue;
          }
          if (conflictsWithCname(working, name, type, key)) {
            problems.add("RRSet of type CNAME with DNS name " + name
                + " is not permitted as it conflicts with other records with the same DNS name in zone " + zone.name);
            continue;
          }
          working.put(key, set);
        }
        case "DELETE" -> {
          if (existing == null) {
            problems.add("Tried to delete resource record set " + describe + " but it was not found");
          } else if (!sameContent(existing, set)) {
            problems.add("Tried to delete resource record set " + describe
                + " but the values provided do not match the current values");
          } else {
            working.remove(key);
          }
        }
        default -> problems.add("Invalid action " + action);
      }
    }
    if (problems.isEmpty()) {
      zone.sets.clear();
      zone.sets.putAll(working);
    }
    return problems;
  }

  /** Another record set of the name where either is a CNAME; read from the name's own keys (they sort together). */
  private static boolean conflictsWithCname(java.util.NavigableMap<String, Element> sets, String name, String type, String key) {
    String reversed = key.substring(0, key.indexOf(' '));
    for (Map.Entry<String, Element> e : sets.subMap(reversed + " ", true, reversed + " \uffff", true).entrySet()) {
      Element other = e.getValue();
      if (e.getKey().equals(key) || !HostedZone.fqdn(text(other, "Name")).equals(name)) {
        continue;
      }
      String otherType = text(other, "Type");
      if ((type.equals("CNAME") || otherType.equals("CNAME")) && !(type.equals(otherType))) {
        return true;
      }
    }
    return false;
  }

  private static String invalidValues(String type, Element set) {
    if (child(set, "AliasTarget") != null) {
      return null;
    }
    List<String> values = values(set);
    if (values.isEmpty()) {
      return "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change";
    }
    for (String v : values) {
      switch (type) {
        case "A" -> {
          if (!IPV4.matcher(v).matches()) {
            return "[Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '" + v + "'']";
          }
        }
        case "AAAA" -> {
          if (!v.contains(":") || !v.matches("[0-9a-fA-F:.]+")) {
            return "[Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '" + v + "'']";
          }
        }
        case "TXT", "SPF" -> {
          if (!(v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2)) {
            return "[Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '" + v + "'']";
          }
        }
        case "CNAME" -> {
          if (values.size() > 1) {
            return "[RRSet of type CNAME with DNS name " + text(set, "Name") + " has more than one resource record]";
          }
        }
        default -> { }
      }
    }
    return null;
  }

  private static boolean sameContent(Element a, Element b) {
    return String.valueOf(text(a, "TTL")).equals(String.valueOf(text(b, "TTL")))
        && new HashSet<>(values(a)).equals(new HashSet<>(values(b)));
  }

  static List<String> values(Element set) {
    List<String> out = new ArrayList<>();
    for (Element rr : children(child(set, "ResourceRecords"), "ResourceRecord")) {
      out.add(text(rr, "Value"));
    }
    Element alias = child(set, "AliasTarget");
    if (alias != null) {
      out.add(text(alias, "DNSName"));
    }
    return out;
  }
}
