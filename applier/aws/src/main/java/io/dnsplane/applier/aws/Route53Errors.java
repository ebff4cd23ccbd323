package io.dnsplane.applier.aws;

import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RetryableProviderException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Route53's errors as the applier core's two kinds. Retryable: throttling, PriorRequestNotComplete
 * (a change to the zone is still being applied), 5xx, timeouts and lost connections. Permanent:
 * InvalidChangeBatch, InvalidInput and any other 4xx, which the core isolates by splitting.
 */
final class Route53Errors {
  private static final Set<String> RETRYABLE_CODES = Set.of("Throttling", "ThrottlingException",
      "PriorRequestNotComplete", "RequestExpired", "ServiceUnavailable", "InternalError");

  private Route53Errors() {}

  static RuntimeException classify(String what, SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
      String message = what + ": " + code + ": " + (service.awsErrorDetails() == null
          ? service.getMessage() : service.awsErrorDetails().errorMessage());
      if (RETRYABLE_CODES.contains(code) || service.statusCode() >= 500 || service.isThrottlingException()) {
        return new RetryableProviderException(message, e, Optional.empty());
      }
      return new BatchRefusedException(message, e);
    }
    if (e instanceof SdkClientException) {
      // No answer: connection refused or reset, timeout. Nothing is known to be applied.
      return new RetryableProviderException(what + ": " + e.getMessage(), e, Optional.empty());
    }
    return new BatchRefusedException(what + ": " + e.getMessage(), e);
  }
}
