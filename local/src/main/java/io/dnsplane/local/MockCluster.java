package io.dnsplane.local;

import io.dnsplane.watcher.informer.DnsEndpointResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in Kubernetes API server for one example cluster: fabric8's mock server in CRUD mode, a
 * real HTTP server with list and watch, on 127.0.0.1. No real kube-apiserver can run here.
 */
public final class MockCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MockCluster.class);

  private final String name;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final String url;

  private MockCluster(String name, KubernetesMockServer server, int port) {
    this.name = name;
    this.server = server;
    this.client = server.createClient();
    this.url = "http://127.0.0.1:" + port;
  }

  public static MockCluster start(String name) {
    try {
      KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
          new KubernetesCrudDispatcher(), false);
      int port = EmbeddedKafka.freePort();
      server.init(InetAddress.getByName("127.0.0.1"), port);
      return new MockCluster(name, server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the mock API server for " + name, e);
    }
  }

  /** Creates every object in the YAML files of {@code dir}, status included (as a controller would set it). */
  public void seed(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
        apply(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  public void apply(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<HasMetadata> objects = client.load(in).items();
      for (HasMetadata object : objects) {
        if (object.getMetadata().getNamespace() == null) {
          object.getMetadata().setNamespace("default");
        }
        if (object instanceof GenericKubernetesResource custom && "DNSEndpoint".equals(custom.getKind())) {
          // The mock server has no discovery: name the custom resource's API explicitly.
          client.genericKubernetesResources(DnsEndpointResources.CONTEXT).inNamespace(custom.getMetadata().getNamespace())
              .resource(custom).create();
          log.info("cluster {}: created DNSEndpoint {}/{}", name, custom.getMetadata().getNamespace(),
              custom.getMetadata().getName());
          continue;
        }
        client.resource(object).createOr(existing -> existing.update());
        setStatus(object);
        log.info("cluster {}: created {} {}/{}", name, object.getKind(), object.getMetadata().getNamespace(),
            object.getMetadata().getName());
      }
    }
  }

  /** The CRUD server ignores status on create, as a real API server does; set it as a controller would. */
  private void setStatus(HasMetadata object) {
    try {
      client.resource(object).updateStatus();
    } catch (KubernetesClientException e) {
      log.debug("cluster {}: {} has no status to set: {}", name, object.getKind(), e.getMessage());
    }
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public KubernetesClient client() {
    return client;
  }

  /** A client of its own for a watcher, so closing one never closes another's. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** Writes a kubeconfig any Kubernetes client can use against this cluster. */
  public Path writeKubeconfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: dnsplane-local
            namespace: default
        current-context: %1$s
        users:
        - name: dnsplane-local
          user:
            token: local
        """.formatted(name, url));
    return file;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
