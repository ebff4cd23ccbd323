package io.dnsplane.local;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Ingresses the end-to-end tests create in a mock cluster, with the status a load balancer controller would set. */
final class Ingresses {
  private Ingresses() {}

  /** An Ingress in default for {@code host}, behind a load balancer at {@code ip}. */
  static void create(KubernetesClient cluster, String name, String host, String ip) {
    create(cluster, name, host, new IngressLoadBalancerIngressBuilder().withIp(ip).build());
  }

  /** As {@link #create}, behind a load balancer known by its host name (a CNAME, or an AWS alias). */
  static void createBehindHostname(KubernetesClient cluster, String name, String host, String lbHostname) {
    create(cluster, name, host, new IngressLoadBalancerIngressBuilder().withHostname(lbHostname).build());
  }

  private static void create(KubernetesClient cluster, String name, String host, IngressLoadBalancerIngress lb) {
    Ingress ingress = new IngressBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addNewRule().withHost(host).endRule().endSpec().build();
    cluster.network().v1().ingresses().inNamespace("default").resource(ingress).create();
    cluster.network().v1().ingresses().inNamespace("default").withName(name).editStatus(x -> {
      x.setStatus(new IngressStatusBuilder().withNewLoadBalancer().withIngress(lb).endLoadBalancer().build());
      return x;
    });
  }

  /** The load balancer moves the Ingress to {@code ip}. */
  static void moveTo(KubernetesClient cluster, String name, String ip) {
    cluster.network().v1().ingresses().inNamespace("default").withName(name).editStatus(x -> {
      x.setStatus(new IngressStatusBuilder().withNewLoadBalancer()
          .withIngress(new IngressLoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
      return x;
    });
  }

  static void delete(KubernetesClient cluster, String name) {
    cluster.network().v1().ingresses().inNamespace("default").withName(name).delete();
  }
}
