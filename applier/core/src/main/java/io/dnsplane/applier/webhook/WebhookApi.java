package io.dnsplane.applier.webhook;

/** ExternalDNS's webhook provider API (api/webhook.yaml, provider/webhook/api/httpapi.go): its names, in one place. */
public final class WebhookApi {
  /** The only media type of version 1: sent in Accept, and answered exactly in Content-Type. */
  public static final String MEDIA_TYPE = "application/external.dns.webhook+json;version=1";
  public static final String RECORDS = "/records";
  public static final String ADJUST_ENDPOINTS = "/adjustendpoints";
  /** ExternalDNS's default --webhook-provider-url port, on loopback: the provider runs as a sidecar. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:8888";
  /** The most a response body may hold before the client stops reading: 32 MiB, about 150,000 endpoints. */
  public static final long MAX_RESPONSE_BYTES = 32L << 20;

  private WebhookApi() {}
}
