package io.dnsplane.applier.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's secret (an API key, a TSIG secret) from where operators keep it, first found: a
 * file (a mounted Secret, kept out of the process's arguments), the flag, the environment.
 */
public final class ProviderSecret {
  private ProviderSecret() {}

  /**
   * @param file the file flag's value, or null
   * @param fileFlag the file flag's name, for the error when it cannot be read
   * @param value the flag's value, or null
   * @param variable the environment variable's name
   */
  public static Optional<String> of(Path file, String fileFlag, String value, Map<String, String> environment,
      String variable) {
    if (file != null) {
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + fileFlag + " " + file, e);
      }
    }
    if (value != null && !value.isBlank()) {
      return Optional.of(value.trim());
    }
    String fromEnv = environment.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
  }
}
