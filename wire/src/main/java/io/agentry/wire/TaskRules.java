package io.agentry.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules for what a caller gives a task: its args, env and limits. One home for them: the
 * gateway walks a request and reports every violation at once (its {@code errors[]}), while {@link
 * TaskMessage} and the codec refuse a message at its first violation.
 */
public final class TaskRules {

  /** The range of {@code timeoutMs}. */
  public static final Range TIMEOUT_MS =
      new Range("timeoutMs", TaskLimits.MIN_TIMEOUT_MS, TaskLimits.MAX_TIMEOUT_MS);

  /** The range of {@code maxMemoryMb}. */
  public static final Range MAX_MEMORY_MB =
      new Range("maxMemoryMb", TaskLimits.MIN_MEMORY_MB, TaskLimits.MAX_MEMORY_MB);

  private TaskRules() {}

  /**
   * One broken rule.
   *
   * @param field the value's path in a request, e.g. {@code args[2]} or {@code env.PATH}
   * @param subject how a sentence names the value, e.g. {@code field 'args[2]'}
   * @param problem what is wrong with it, e.g. {@code must not contain a NUL character}
   */
  public record Violation(String field, String subject, String problem) {

    /** The whole sentence, as the codec reports it. */
    public String reason() {
      return subject + " " + problem;
    }
  }

  /** An inclusive range of integers. */
  public record Range(String field, long min, long max) {

    /** What a value must be, e.g. {@code an integer from 1 to 512}. */
    public String describe() {
      return "an integer from " + min + " to " + max;
    }

    /** The violation of {@code value}, if it is outside the range. */
    public Optional<Violation> check(long value) {
      if (value >= min && value <= max) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(field, quoted(field), "must be " + describe() + ", was " + value));
    }
  }

  /** Every violation of {@code args}, one per entry at most. */
  public static List<Violation> args(List<String> args) {
    Optional<Violation> count = argCount(args.size());
    if (count.isPresent()) {
      return List.of(count.get());
    }
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      arg(i, args.get(i)).ifPresent(violations::add);
    }
    return violations;
  }

  /** The violation of having {@code count} args, if there are too many. */
  public static Optional<Violation> argCount(int count) {
    return count > TaskLimits.MAX_ARGS
        ? Optional.of(
            new Violation(
                "args",
                quoted("args"),
                "must have at most " + TaskLimits.MAX_ARGS + " entries, was " + count))
        : Optional.empty();
  }

  /** The violation of the arg at {@code index}, if any. */
  public static Optional<Violation> arg(int index, String value) {
    String field = "args[" + index + "]";
    return argText(field, quoted(field), value);
  }

  /** Every violation of {@code env}, one per entry at most. */
  public static List<Violation> env(Map<String, String> env) {
    Optional<Violation> count = envCount(env.size());
    if (count.isPresent()) {
      return List.of(count.get());
    }
    List<Violation> violations = new ArrayList<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      envKey(entry.getKey())
          .or(() -> envValue(entry.getKey(), entry.getValue()))
          .ifPresent(violations::add);
    }
    return violations;
  }

  /**
   * The env names that are names of the agent's secrets, one violation each: the agent's owner sets
   * those, and a caller may neither replace nor probe one.
   */
  public static List<Violation> envSecrets(Map<String, String> env, Collection<String> secrets) {
    List<Violation> violations = new ArrayList<>();
    for (String key : new TreeSet<>(env.keySet())) {
      if (secrets.contains(key)) {
        violations.add(
            new Violation(
                "env." + key,
                "field 'env' key " + preview(key),
                "is the name of one of the agent's secrets, which only its owner sets; use"
                    + " another name"));
      }
    }
    return violations;
  }

  /** The violation of having {@code count} env entries, if there are too many. */
  public static Optional<Violation> envCount(int count) {
    return count > TaskLimits.MAX_ENV_ENTRIES
        ? Optional.of(
            new Violation(
                "env",
                quoted("env"),
                "must have at most " + TaskLimits.MAX_ENV_ENTRIES + " entries, was " + count))
        : Optional.empty();
  }

  /** The violation of an env name, if any. */
  public static Optional<Violation> envKey(String key) {
    if (key == null) {
      return Optional.of(new Violation("env", quoted("env"), "must not have a null key"));
    }
    if (key.isEmpty()) {
      return Optional.of(new Violation("env.", quoted("env"), "must not have an empty key"));
    }
    String field = "env." + key;
    String subject = "field 'env' key " + preview(key);
    Optional<Violation> text = argText(field, subject, key);
    if (text.isPresent()) {
      return text;
    }
    return key.indexOf('=') >= 0
        ? Optional.of(new Violation(field, subject, "must not contain '='"))
        : Optional.empty();
  }

  /** The violation of the value of env name {@code key}, if any. */
  public static Optional<Violation> envValue(String key, String value) {
    return argText("env." + key, envValueSubject(key), value);
  }

  /** How a sentence names the value of env name {@code key}. */
  static String envValueSubject(String key) {
    return "field 'env." + truncate(key) + "'";
  }

  /**
   * An arg, env name or env value: at most {@link TaskLimits#MAX_STRING_BYTES} of UTF-8 and free of
   * NUL, because WASI passes them as NUL-terminated strings and a NUL would cut one short.
   */
  private static Optional<Violation> argText(String field, String subject, String value) {
    if (value == null) {
      return Optional.of(new Violation(field, subject, "must be a string, was null"));
    }
    return textProblem(value, TaskLimits.MAX_STRING_BYTES)
        .or(
            () ->
                value.indexOf('\0') >= 0
                    ? Optional.of("must not contain a NUL character")
                    : Optional.empty())
        .map(problem -> new Violation(field, subject, problem));
  }

  /** What is wrong with the UTF-8 size of {@code value}, if anything. */
  static Optional<String> textProblem(String value, int maxUtf8Bytes) {
    int bytes = Utf8.encodedLength(value);
    if (bytes < 0) {
      return Optional.of("contains an unpaired UTF-16 surrogate, which UTF-8 cannot carry");
    }
    if (bytes > maxUtf8Bytes) {
      return Optional.of("must be at most " + maxUtf8Bytes + " bytes of UTF-8, was " + bytes);
    }
    return Optional.empty();
  }

  private static String quoted(String field) {
    return "field '" + field + "'";
  }

  /** A quoted, shortened copy of {@code text} for error messages. */
  static String preview(String text) {
    return "\"" + truncate(text) + "\"";
  }

  private static String truncate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
