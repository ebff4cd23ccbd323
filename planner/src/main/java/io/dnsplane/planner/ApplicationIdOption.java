package io.dnsplane.planner;

import picocli.CommandLine.Option;

/** The planner's Kafka Streams application id: one declaration for the planner and for replay, which reads its topics. */
public final class ApplicationIdOption {
  @Option(names = "--application-id", defaultValue = "dnsplane-planner", description = "Kafka Streams application id"
      + " (default: ${DEFAULT-VALUE}).")
  public String id;
}
