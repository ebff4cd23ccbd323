package io.dnsplane.applier;

import picocli.CommandLine.Option;

/** The delete breaker's threshold, one declaration for the applier and for {@code plan --once}. */
public final class MaxDeleteFraction {
  @Option(names = "--max-delete-fraction", defaultValue = "0.3", description = "Hold a zone's deletes when more than"
      + " this share of its owned records would go (the applier: within --delete-window); 1 turns the breaker off"
      + " (default: ${DEFAULT-VALUE}).")
  public double value;
}
