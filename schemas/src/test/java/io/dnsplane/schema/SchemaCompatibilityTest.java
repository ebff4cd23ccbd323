package io.dnsplane.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema on a topic or in a store must stay exchangeable, both ways, with every released
 * version kept in src/main/resources/io/dnsplane/schema/history. To release a change, add the new
 * schema there as the next version ({@code <Name>.v<N+1>.avsc}).
 */
class SchemaCompatibilityTest {
  static Stream<Class<? extends SpecificRecord>> contract() {
    return ContractSchemas.TOP_LEVEL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contract")
  void everySchemaHasAReleasedVersion(Class<? extends SpecificRecord> type) {
    assertThat(ContractSchemas.history(type.getSimpleName()))
        .as("no released version of %s: add it as history/%s.v1.avsc:%n%s", type.getSimpleName(),
            type.getSimpleName(), ContractSchemas.schemaOf(type).toString(true))
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contract")
  void currentSchemaReadsAndIsReadByEveryReleasedVersion(Class<? extends SpecificRecord> type) {
    Schema current = ContractSchemas.schemaOf(type);
    for (Map.Entry<Integer, Schema> released : ContractSchemas.history(type.getSimpleName()).entrySet()) {
      assertThat(ContractSchemas.incompatibilities(current, released.getValue()))
          .as("%s is incompatible with released v%d", type.getSimpleName(), released.getKey())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contract")
  void theNewestReleasedVersionIsTheCurrentSchemaOrAnUnreleasedCompatibleChange(Class<? extends SpecificRecord> type) {
    Map<Integer, Schema> history = ContractSchemas.history(type.getSimpleName());
    Schema newest = history.values().stream().reduce((a, b) -> b).orElseThrow();
    // Either identical (nothing unreleased) or compatible (checked above): both are fine; the
    // fingerprint must differ from every older release when it differs at all.
    long currentFingerprint = SchemaNormalization.parsingFingerprint64(ContractSchemas.schemaOf(type));
    long newestFingerprint = SchemaNormalization.parsingFingerprint64(newest);
    if (currentFingerprint != newestFingerprint) {
      assertThat(ContractSchemas.incompatibilities(ContractSchemas.schemaOf(type), newest)).isEmpty();
    }
  }

  @Test
  void aRequiredFieldWithoutDefaultIsCaught() {
    Schema previous = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
    Schema current = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"long"}]}""");
    assertThat(ContractSchemas.incompatibilities(current, previous))
        .singleElement().asString().contains("current reader, previous writer").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void aChangedFieldTypeIsCaughtBothWays() {
    Schema previous = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
    Schema current = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
    List<String> problems = ContractSchemas.incompatibilities(current, previous);
    assertThat(problems).hasSize(2);
  }

  @Test
  void anAddedFieldWithDefaultIsFine() {
    Schema previous = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
    Schema current = parse("""
        {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"long","default":0}]}""");
    assertThat(ContractSchemas.incompatibilities(current, previous)).isEmpty();
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
