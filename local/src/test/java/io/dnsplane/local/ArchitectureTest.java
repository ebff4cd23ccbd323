package io.dnsplane.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of ../shared/STYLE.md, held against the main code of every module: services
 * never import each other, the pure cores (planning, ownership, the per-name decision, the sources)
 * import no Kafka, client, clock or metrics classes, and
 * providers see only the applier's SPI.
 */
class ArchitectureTest {
  private static final String[] SERVICES = {"io.dnsplane.watcher..", "io.dnsplane.planner..", "io.dnsplane.applier.."};
  private static final String[] EDGES = {"org.apache.kafka..", "io.fabric8.kubernetes.client..", "software.amazon..",
      "feign..", "io.micrometer..", "org.rocksdb.."};

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    // The other modules come as jars on this module's classpath: import dnsplane's packages from anywhere.
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.dnsplane");
  }

  private static void check(ArchRule rule) {
    if (main.size() < 300) {
      throw new AssertionError("only " + main.size() + " classes imported: the rules would hold vacuously");
    }
    rule.check(main);
  }

  @Test
  void theWatcherImportsNoOtherService() {
    check(noClasses().that().resideInAPackage("io.dnsplane.watcher..").should().dependOnClassesThat()
        .resideInAnyPackage("io.dnsplane.planner..", "io.dnsplane.applier..", "io.dnsplane.local..", "io.dnsplane.fakes.."));
  }

  @Test
  void thePlannerImportsNoOtherService() {
    check(noClasses().that().resideInAPackage("io.dnsplane.planner..").should().dependOnClassesThat()
        .resideInAnyPackage("io.dnsplane.watcher..", "io.dnsplane.applier..", "io.dnsplane.local..", "io.dnsplane.fakes.."));
  }

  @Test
  void theAppliersImportNoOtherService() {
    check(noClasses().that().resideInAPackage("io.dnsplane.applier..").should().dependOnClassesThat()
        .resideInAnyPackage("io.dnsplane.watcher..", "io.dnsplane.planner..", "io.dnsplane.local..", "io.dnsplane.fakes.."));
  }

  @Test
  void theContractImportsNoService() {
    check(noClasses().that().resideInAnyPackage("io.dnsplane.schema..", "io.dnsplane.model..", "io.dnsplane.runtime..",
        "io.dnsplane.avro..").should().dependOnClassesThat().resideInAnyPackage(SERVICES));
  }

  @Test
  void planningOwnershipAndSourcesArePure() {
    check(noClasses().that().resideInAnyPackage("io.dnsplane.planner.plan..", "io.dnsplane.planner.ownership..",
        "io.dnsplane.planner.decision..", "io.dnsplane.watcher.source..").should().dependOnClassesThat().resideInAnyPackage(EDGES)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .because("decisions are pure functions of values: the topology and the informers are the edges"));
  }

  @Test
  void providersSeeOnlyTheApplierSpi() {
    check(noClasses().that().resideInAnyPackage("io.dnsplane.applier.aws..", "io.dnsplane.applier.cloudflare..",
        "io.dnsplane.applier.inmemory..").should().dependOnClassesThat()
        .resideInAnyPackage("io.dnsplane.applier.core..", "io.dnsplane.applier")
        .because("a provider is a thin module over the SPI; batching, retries and Kafka are the core's"));
  }

  @Test
  void mainCodeImportsNoTestLibrary() {
    check(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..",
        "org.awaitility..", "net.jqwik.."));
  }
}
