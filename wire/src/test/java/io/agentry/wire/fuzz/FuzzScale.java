package io.agentry.wire.fuzz;

/**
 * Multiplies the input count of every fuzz test by the system property {@value #PROPERTY} (default
 * 1), so that a longer fuzz run needs no code change: {@code -Dagentry.fuzz.scale=10}.
 */
public final class FuzzScale {
  public static final String PROPERTY = "agentry.fuzz.scale";

  private FuzzScale() {}

  public static double scale() {
    String value = System.getProperty(PROPERTY, "1").trim();
    double scale;
    try {
      scale = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PROPERTY + " must be a positive number, was " + value, e);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(PROPERTY + " must be a positive number, was " + value);
    }
    return scale;
  }

  public static int scaled(int tries, double scale) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tries * scale)));
  }
}
