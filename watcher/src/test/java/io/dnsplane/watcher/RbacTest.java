package io.dnsplane.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** watcher/rbac.yaml parses as Kubernetes objects and grants exactly what the sources and Events need. */
class RbacTest {
  @Test
  void grantsReadOnTheWatchedKindsAndWritesOnlyEvents() throws Exception {
    List<HasMetadata> objects;
    try (InputStream in = Files.newInputStream(Path.of("rbac.yaml"))) {
      // A multi-document YAML comes back as a list of the typed objects.
      Object parsed = Serialization.unmarshal(in);
      @SuppressWarnings("unchecked")
      List<HasMetadata> list = parsed instanceof List<?> l ? (List<HasMetadata>) l : ((KubernetesList) parsed).getItems();
      objects = list;
    }
    ClusterRole role = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst()
        .orElseThrow();
    for (PolicyRule rule : role.getRules()) {
      if (rule.getResources().contains("events")) {
        assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create", "patch");
      } else if (rule.getResources().contains("dnsendpoints/status")) {
        assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
      } else {
        assertThat(rule.getVerbs()).as("%s", rule.getResources()).containsExactlyInAnyOrder("get", "list", "watch");
      }
    }
    assertThat(role.getRules()).flatExtracting(PolicyRule::getResources)
        .contains("ingresses", "services", "dnsendpoints", "gateways", "httproutes", "routes", "httpproxies", "virtualservices",
            "events");
  }
}
