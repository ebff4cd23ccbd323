package io.dnsplane.applier.spi;

import io.dnsplane.model.Endpoint;

/** One record the provider refused, and why. Retryable failures may succeed later as they are. */
public record RecordFailure(Endpoint endpoint, String reason, boolean retryable) {}
