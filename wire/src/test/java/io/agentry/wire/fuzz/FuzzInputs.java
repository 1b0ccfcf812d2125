package io.agentry.wire.fuzz;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs one fuzz target over generated inputs. Input {@code i} is drawn from its own {@link
 * SplittableRandom}, whose seed follows from the run's seed ({@value #SEED_PROPERTY}, default
 * {@value #DEFAULT_SEED}) and the target's name: the same seed gives the same inputs, so a failure,
 * which names the seed and the input's index, can be replayed. The count is multiplied by {@link
 * FuzzScale}; at the end the target prints how its inputs ended.
 */
public final class FuzzInputs {
  public static final String SEED_PROPERTY = "agentry.fuzz.seed";
  public static final long DEFAULT_SEED = 20_251_125L;

  private FuzzInputs() {}

  /** The run's seed: {@value #SEED_PROPERTY}, or {@value #DEFAULT_SEED}. */
  public static long seed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " must be a long, was " + value, e);
    }
  }

  /**
   * Feeds {@code count} (scaled) random sources to {@code input}, which builds one input from its
   * source, checks it and returns its outcome, or throws on a failed check.
   */
  public static void run(String target, int count, Function<SplittableRandom, String> input) {
    long seed = seed();
    int inputs = FuzzScale.scaled(count, FuzzScale.scale());
    SplittableRandom seeds = new SplittableRandom(seed ^ target.hashCode() * 0x9E3779B97F4A7C15L);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < inputs; i++) {
      long inputSeed = seeds.nextLong();
      String outcome;
      try {
        outcome = input.apply(new SplittableRandom(inputSeed));
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            target
                + ": input "
                + i
                + " of "
                + inputs
                + " failed with seed "
                + seed
                + " (input seed "
                + inputSeed
                + "; replay with -D"
                + SEED_PROPERTY
                + "="
                + seed
                + "): "
                + e.getMessage(),
            e);
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    System.out.println(target + ": " + inputs + " inputs, seed " + seed + ", outcomes " + outcomes);
  }

  /** Between 1 and {@code max} of what {@code one} draws. */
  public static <T> java.util.List<T> listOf(
      SplittableRandom random, int max, Function<SplittableRandom, T> one) {
    int size = 1 + random.nextInt(max);
    java.util.List<T> list = new java.util.ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(one.apply(random));
    }
    return list;
  }

  /** Usually none, one time in ten one, of what {@code one} draws. */
  public static <T> java.util.List<T> atMostOne(
      SplittableRandom random, Function<SplittableRandom, T> one) {
    return random.nextInt(10) == 0 ? java.util.List.of(one.apply(random)) : java.util.List.of();
  }
}
