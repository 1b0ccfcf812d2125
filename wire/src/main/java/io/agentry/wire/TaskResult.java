package io.agentry.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a finished run produced; carried by terminal {@link TaskEvent}s. The constructor enforces
 * the codec's rules, throwing {@link IllegalArgumentException} with the reason.
 *
 * <p>{@code stdout} and {@code stderr} are not copied: do not modify them. {@code equals} and
 * {@code hashCode} compare their contents; {@code toString} shows their sizes only.
 *
 * @param exitCode the module's exit code, or null when it did not exit by itself
 * @param error null on success, otherwise a sentence a person can act on
 * @param usage what the run used, or null (a task that never ran, or an event written before the
 *     field existed)
 */
public record TaskResult(
    Integer exitCode,
    byte[] stdout,
    byte[] stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    long durationMs,
    String error,
    TaskUsage usage) {

  private static final byte[] EMPTY = new byte[0];

  public TaskResult {
    Checks.present(stdout, "result.stdout");
    Checks.maxBytes("result.stdout", stdout.length, TaskLimits.MAX_OUTPUT_CAP_BYTES);
    Checks.present(stderr, "result.stderr");
    Checks.maxBytes("result.stderr", stderr.length, TaskLimits.MAX_OUTPUT_CAP_BYTES);
    Checks.inRange("result.durationMs", durationMs, 0, Long.MAX_VALUE);
    if (error != null) {
      if (error.isBlank()) {
        throw new IllegalArgumentException("field 'result.error' must not be blank");
      }
      Checks.storedText("field 'result.error'", error, TaskLimits.MAX_ERROR_BYTES);
    }
  }

  /** A result without usage figures. */
  public TaskResult(
      Integer exitCode,
      byte[] stdout,
      byte[] stderr,
      boolean stdoutTruncated,
      boolean stderrTruncated,
      long durationMs,
      String error) {
    this(exitCode, stdout, stderr, stdoutTruncated, stderrTruncated, durationMs, error, null);
  }

  /** A result with no exit code and no output, for a task that never ran or was stopped. */
  public static TaskResult withoutOutput(long durationMs, String error) {
    return new TaskResult(null, EMPTY, EMPTY, false, false, durationMs, error, null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TaskResult that
        && Objects.equals(exitCode, that.exitCode)
        && Arrays.equals(stdout, that.stdout)
        && Arrays.equals(stderr, that.stderr)
        && stdoutTruncated == that.stdoutTruncated
        && stderrTruncated == that.stderrTruncated
        && durationMs == that.durationMs
        && Objects.equals(error, that.error)
        && Objects.equals(usage, that.usage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        exitCode,
        Arrays.hashCode(stdout),
        Arrays.hashCode(stderr),
        stdoutTruncated,
        stderrTruncated,
        durationMs,
        error,
        usage);
  }

  @Override
  public String toString() {
    return String.format(
        "TaskResult[exitCode=%s, stdout=%d bytes, stderr=%d bytes, stdoutTruncated=%b,"
            + " stderrTruncated=%b, durationMs=%d, error=%s, usage=%s]",
        exitCode,
        stdout.length,
        stderr.length,
        stdoutTruncated,
        stderrTruncated,
        durationMs,
        error,
        usage);
  }
}
