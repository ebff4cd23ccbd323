package io.dnsplane.planner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.runtime.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** explain reads ownership with the planner's TXT flags, from the command line or the environment. */
class ExplainFlagsTest {
  private static final String KEY = "12345678901234567890123456789012";
  // Written by ExternalDNS's Go code with KEY, from its registry tests.
  private static final String ENCRYPTED = "h8UQ6jelUFUsEIn7SbFktc2MYXPx/q8lySqI4VwfVtVaIbb2nkHWV/88KKbuLtu7fJNzMir8ELVeVnRSY01KdiIuj7ledqZe5ailEjQaU5Z6uEKd5pgs6sH8";

  private static Map<String, String> ownerOf(ExplainMain explain) {
    List<Endpoint> observed = List.of(
        new Endpoint("app.example.com", "A", List.of("192.0.2.10"), 300, "", Map.of(), Map.of()),
        new Endpoint("a-app.example.com", "TXT", List.of("\"" + ENCRYPTED + "\""), 300, "", Map.of(), Map.of()));
    return Ownership.of(explain.txt.config().registry().currentWithOwnership("app.example.com", observed).get(0));
  }

  @Test
  void decryptsOwnershipWithTheAesKey() {
    ExplainMain withFlag = new ExplainMain();
    Cli.commandLine(withFlag, Map.of()).parseArgs("app.example.com", "--txt-encrypt-aes-key", KEY);
    assertThat(ownerOf(withFlag)).containsKey("owner");

    ExplainMain fromEnvironment = new ExplainMain();
    Cli.commandLine(fromEnvironment, Map.of("DNSPLANE_TXT_ENCRYPT_AES_KEY", KEY)).parseArgs("app.example.com");
    assertThat(ownerOf(fromEnvironment)).containsKey("owner");

    ExplainMain withoutKey = new ExplainMain();
    Cli.commandLine(withoutKey, Map.of()).parseArgs("app.example.com");
    assertThat(ownerOf(withoutKey)).isEmpty();
  }
}
