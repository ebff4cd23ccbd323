package io.dnsplane.planner.preview;

/** Bad input to a plan preview, with where it is: exit code 1 and this message. */
public final class PreviewException extends RuntimeException {
  public PreviewException(String message) {
    super(message);
  }
}
