package io.dnsplane.fakes.route53;

import static io.dnsplane.fakes.route53.Xml.esc;
import static io.dnsplane.fakes.route53.Xml.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/** One hosted zone of the Route53 fake: its record sets by (name, type, set identifier), in Route53's order. */
final class HostedZone {
  final String id;
  final String name;
  final boolean privateZone;
  final Map<String, String> tags;
  final Map<String, Element> sets = new TreeMap<>();

  HostedZone(String id, String name, boolean privateZone, Map<String, String> tags) {
    this.id = id;
    this.name = name;
    this.privateZone = privateZone;
    this.tags = tags;
  }

  /** Route53 orders record sets by name with its labels reversed, then type, then set identifier. */
  static String key(String fqdn, String type, String setIdentifier) {
    List<String> labels = new ArrayList<>(List.of(fqdn.toLowerCase().split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels) + " " + type + " " + setIdentifier;
  }

  /** A name as Route53 keeps it: lower case, a trailing dot, "*" escaped as \\052. */
  static String fqdn(String name) {
    String n = name.replace("*", "\\052").toLowerCase();
    return n.endsWith(".") ? n : n + ".";
  }

  /** A plain record set, as ResourceRecordSet XML. */
  static Element recordSet(String fqdn, String type, long ttl, String... values) {
    StringBuilder xml = new StringBuilder("<ResourceRecordSet xmlns=\"" + Route53Fake.NS + "\"><Name>" + esc(fqdn)
        + "</Name><Type>" + type + "</Type><TTL>" + ttl + "</TTL><ResourceRecords>");
    for (String v : values) {
      xml.append("<ResourceRecord><Value>").append(esc(v)).append("</Value></ResourceRecord>");
    }
    return parse(xml.append("</ResourceRecords></ResourceRecordSet>").toString().getBytes(StandardCharsets.UTF_8))
        .getDocumentElement();
  }
}
