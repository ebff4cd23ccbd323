package io.dnsplane.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Everything one cluster's watcher may do on Kafka, and nothing more: write and read its own desire
 * topic, write its own heartbeat topic and dead letters, read object statuses in its own consumer
 * group. With these ACLs a watcher cannot write another cluster's desire or heartbeats
 * (planner/DESIGN.md). README says the same; ClusterTopicAclIT runs a watcher with exactly these.
 */
public final class WatcherAcls {
  private WatcherAcls() {}

  /** The consumer group the watcher's status listener reads in. */
  public static String groupOf(String clusterId) {
    return "dnsplane-watcher-" + clusterId;
  }

  /** @param principal the watcher's Kafka principal, e.g. {@code User:watcher-cluster-a} */
  public static List<AclBinding> of(String clusterId, String principal) {
    Topics topics = Topics.singleObjectEncoding();
    String ownTopic = topics.desiredEndpointsOf(clusterId).name();
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE)) {
      acls.add(allow(ResourceType.TOPIC, ownTopic, op, principal));
    }
    for (String topic : List.of(topics.clusterStatusOf(clusterId).name(), Topics.DEAD_LETTER)) {
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.WRITE, principal));
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE, principal));
    }
    acls.add(allow(ResourceType.TOPIC, Topics.OBJECT_STATUS, AclOperation.READ, principal));
    acls.add(allow(ResourceType.TOPIC, Topics.OBJECT_STATUS, AclOperation.DESCRIBE, principal));
    acls.add(allow(ResourceType.GROUP, groupOf(clusterId), AclOperation.READ, principal));
    return List.copyOf(acls);
  }

  private static AclBinding allow(ResourceType type, String name, AclOperation op, String principal) {
    return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }
}
