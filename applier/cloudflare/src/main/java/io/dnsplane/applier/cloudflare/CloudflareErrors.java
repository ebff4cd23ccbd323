package io.dnsplane.applier.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RetryableProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cloudflare's errors as the applier core's two kinds. Retryable: 429 (honouring Retry-After),
 * error 971 ("please wait and consider throttling"), 5xx. Permanent: any other 4xx, with
 * Cloudflare's codes and messages (81053 "record with that host already exists", 81058 "identical
 * record", 9005 "invalid content", 10000 authentication...).
 */
final class CloudflareErrors implements ErrorDecoder {
  private static final Set<Integer> RETRYABLE_CODES = Set.of(971, 10429);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Exception decode(String methodKey, Response response) {
    List<Integer> codes = new ArrayList<>();
    StringBuilder messages = new StringBuilder();
    if (response.body() != null) {
      try (InputStream in = response.body().asInputStream()) {
        JsonNode body = JSON.readTree(in);
        for (JsonNode error : body.path("errors")) {
          codes.add(error.path("code").asInt());
          messages.append(messages.isEmpty() ? "" : "; ").append(error.path("code").asInt()).append(' ')
              .append(error.path("message").asText());
        }
      } catch (IOException | RuntimeException e) {
        messages.append("(unreadable error body)");
      }
    }
    String what = methodKey + ": HTTP " + response.status() + (messages.isEmpty() ? "" : ": " + messages);
    if (response.status() == 429 || response.status() >= 500 || codes.stream().anyMatch(RETRYABLE_CODES::contains)) {
      return new RetryableProviderException(what, null, retryAfter(response.headers().get("Retry-After")));
    }
    return new BatchRefusedException(what);
  }

  static Optional<Duration> retryAfter(Collection<String> values) {
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(values.iterator().next().trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
