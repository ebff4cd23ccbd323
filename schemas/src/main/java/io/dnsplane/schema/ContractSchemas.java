package io.dnsplane.schema;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every top-level schema of the contract, and the released versions of each kept under
 * {@code src/main/resources/io/dnsplane/schema/history/<Name>.v<N>.avsc}.
 *
 * <p>The history ships in the jar so that a reader resolves data written by any released version
 * (single-object encoding names the writer schema by fingerprint).
 */
public final class ContractSchemas {
  /** The classes whose schemas travel on a topic or in a store. */
  public static final List<Class<? extends SpecificRecord>> TOP_LEVEL = List.of(
      SourceRef.class, DesiredEndpoints.class,
      ClusterKey.class, ClusterHeartbeat.class,
      ObservedKey.class, ObservedRecordSet.class,
      ZoneRef.class, ProviderZone.class,
      ChangeBatch.class, ApplyResult.class,
      ObjectStatusKey.class, ObjectStatus.class,
      DeleteApproval.class,
      io.dnsplane.avro.PlannerKey.class, io.dnsplane.avro.PlannerEvent.class,
      NameEvent.class, NameState.class, PendingRetry.class);

  private static final String HISTORY_DIR = "/io/dnsplane/schema/history/";
  private static final int MAX_VERSIONS = 1000;

  static {
    // Avro 1.12 decodes only classes it trusts; trust exactly the contract's generated classes.
    ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
    TOP_LEVEL.forEach(type -> trustRecursively(trusted, schemaOf(type)));
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
  }

  private ContractSchemas() {}

  /** Makes sure the trust set-up above has run; called by every serde. */
  static void ensureTrusted() {}

  private static void trustRecursively(ClassSecurityValidator.Builder trusted, Schema schema) {
    switch (schema.getType()) {
      case RECORD -> {
        trusted.add(schema.getFullName());
        schema.getFields().forEach(f -> trustRecursively(trusted, f.schema()));
      }
      case ENUM -> trusted.add(schema.getFullName());
      case ARRAY -> trustRecursively(trusted, schema.getElementType());
      case MAP -> trustRecursively(trusted, schema.getValueType());
      case UNION -> schema.getTypes().forEach(t -> trustRecursively(trusted, t));
      default -> { }
    }
  }

  /** Released versions of one schema, oldest first, by version number. */
  public static Map<Integer, Schema> history(String simpleName) {
    Map<Integer, Schema> versions = new TreeMap<>();
    for (int v = 1; v <= MAX_VERSIONS; v++) {
      try (InputStream in = ContractSchemas.class.getResourceAsStream(
          HISTORY_DIR + simpleName + ".v" + v + ".avsc")) {
        if (in == null) {
          break;
        }
        versions.put(v, new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return versions;
  }

  /** Every released schema of every top-level type, for resolving old writers. */
  public static List<Schema> allReleased() {
    List<Schema> all = new ArrayList<>();
    TOP_LEVEL.forEach(type -> all.addAll(history(type.getSimpleName()).values()));
    return all;
  }

  /**
   * Why data written with {@code previous} and {@code current} cannot be exchanged both ways: a
   * current reader must read old data, and an old reader new data (rolling upgrades run both).
   * Empty when they can.
   */
  public static List<String> incompatibilities(Schema current, Schema previous) {
    List<String> problems = new ArrayList<>();
    describe(problems, "current reader, previous writer",
        SchemaCompatibility.checkReaderWriterCompatibility(current, previous));
    describe(problems, "previous reader, current writer",
        SchemaCompatibility.checkReaderWriterCompatibility(previous, current));
    return problems;
  }

  private static void describe(List<String> problems, String direction, SchemaCompatibility.SchemaPairCompatibility result) {
    for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
      problems.add(direction + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")");
    }
  }

  /** The schema of a generated class. */
  public static Schema schemaOf(Class<? extends SpecificRecord> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type + " is not an Avro generated class", e);
    }
  }
}
