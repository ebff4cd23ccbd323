package io.dnsplane.bench;

/** How a figure grows between two sizes: the exponent of size in value, named. Pure. */
public record Growth(double ratio, double exponent, String shape) {
  public static Growth between(double smallSize, double smallValue, double largeSize, double largeValue) {
    if (smallValue <= 0 || largeValue <= 0) {
      return new Growth(Double.NaN, Double.NaN, largeValue <= 0 && smallValue <= 0 ? "constant (zero)" : "not measured");
    }
    double ratio = largeValue / smallValue;
    double exponent = Math.log(ratio) / Math.log(largeSize / smallSize);
    String shape = exponent < -0.2 ? "falling" : exponent < 0.2 ? "constant" : exponent < 0.8 ? "sublinear"
        : exponent <= 1.2 ? "linear" : "superlinear";
    return new Growth(ratio, exponent, shape);
  }
}
