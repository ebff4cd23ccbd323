package io.dnsplane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of every run, by name, in the order first measured; each reported as the median of its runs. */
final class Figures {
  record Figure(String name, String unit, List<Double> values) {
    double median() {
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(null);
      int n = sorted.size();
      return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
      return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  private final Map<String, Figure> figures = new LinkedHashMap<>();

  void add(String name, double value, String unit) {
    figures.computeIfAbsent(name, n -> new Figure(n, unit, new ArrayList<>())).values().add(value);
  }

  boolean has(String name) {
    return figures.containsKey(name);
  }

  double median(String name) {
    Figure f = figures.get(name);
    return f == null ? Double.NaN : f.median();
  }

  Figure get(String name) {
    return figures.get(name);
  }

  List<Figure> all() {
    return List.copyOf(figures.values());
  }

  /** {@code name value unit}, one line a figure: the form --quick prints. */
  static String line(Figure f) {
    return f.name() + " " + format(f.median()) + " " + f.unit();
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : Math.abs(v) >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
  }
}
