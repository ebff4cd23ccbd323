package io.dnsplane.applier.pdns;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RetryableProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * PowerDNS's answers as the applier core's kinds: 5xx retryable; 401 and 403 the API key refused
 * (a message saying so, never retried); any other 4xx (422 with PowerDNS's {"error": ...}: a bad
 * record, a CNAME beside other data) refuses the call as a whole.
 */
final class PdnsErrors implements ErrorDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The API key was refused: the applier cannot work and must say why. */
  static final class KeyRefused extends IllegalStateException {
    KeyRefused(String message) {
      super(message);
    }
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    String error = "";
    if (response.body() != null) {
      try (InputStream in = response.body().asInputStream()) {
        byte[] body = in.readNBytes(4096);
        try {
          error = JSON.readTree(body).path("error").asText("");
        } catch (IOException notJson) {
          error = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        }
      } catch (IOException e) {
        error = "(unreadable error body)";
      }
    }
    String what = "PowerDNS " + methodKey + ": HTTP " + response.status() + (error.isEmpty() ? "" : ": " + error);
    if (response.status() == 401 || response.status() == 403) {
      return new KeyRefused("PowerDNS refused the API key (HTTP " + response.status() + (error.isEmpty() ? "" : " " + error)
          + "): check --pdns-api-key or --pdns-api-key-file");
    }
    if (response.status() >= 500) {
      return new RetryableProviderException(what, null, Optional.empty());
    }
    return new BatchRefusedException(what);
  }
}
