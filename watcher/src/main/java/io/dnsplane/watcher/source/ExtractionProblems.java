package io.dnsplane.watcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects what was wrong with an object while a source translates it (a bad host name beside good
 * ones), so the watcher can tell the object with an Invalid Event. Scoped to one translation on one
 * thread; sources stay simple functions of the object.
 */
public final class ExtractionProblems {
  private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

  private ExtractionProblems() {}

  public record Result<T>(T value, List<String> problems) {}

  public static <T> Result<T> collect(Supplier<T> translation) {
    List<String> problems = new ArrayList<>();
    List<String> outer = CURRENT.get();
    CURRENT.set(problems);
    try {
      return new Result<>(translation.get(), List.copyOf(problems));
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  static void report(String problem) {
    List<String> problems = CURRENT.get();
    if (problems != null) {
      problems.add(problem);
    }
  }
}
