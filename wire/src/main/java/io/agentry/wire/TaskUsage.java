package io.agentry.wire;

/**
 * What one run used, measured by the sandbox; carried, optionally, by a {@link TaskResult}. The
 * constructor enforces the codec's rules, throwing {@link IllegalArgumentException} with the
 * reason.
 *
 * @param cpuMs CPU time of the thread that ran the module
 * @param wallMs wall-clock time from instantiation to the end of {@code _start}
 * @param memoryPeakMb the largest memory the run held, its linear memory and its table, in MiB
 *     (rounded up)
 * @param stdoutBytes bytes the module wrote to stdout, before truncation
 * @param stderrBytes bytes the module wrote to stderr, before truncation
 * @param httpRequests outbound HTTP requests the run sent, each redirect followed counting as one
 * @param httpBytes response body bytes the run received over outbound HTTP
 */
public record TaskUsage(
    long cpuMs,
    long wallMs,
    int memoryPeakMb,
    long stdoutBytes,
    long stderrBytes,
    long httpRequests,
    long httpBytes) {

  public TaskUsage {
    Checks.inRange("result.usage.cpuMs", cpuMs, 0, Long.MAX_VALUE);
    Checks.inRange("result.usage.wallMs", wallMs, 0, Long.MAX_VALUE);
    Checks.inRange("result.usage.memoryPeakMb", memoryPeakMb, 0, TaskLimits.MAX_MEMORY_MB);
    Checks.inRange("result.usage.stdoutBytes", stdoutBytes, 0, Long.MAX_VALUE);
    Checks.inRange("result.usage.stderrBytes", stderrBytes, 0, Long.MAX_VALUE);
    Checks.inRange("result.usage.httpRequests", httpRequests, 0, Long.MAX_VALUE);
    Checks.inRange("result.usage.httpBytes", httpBytes, 0, Long.MAX_VALUE);
  }

  /** The usage of a run that made no outbound HTTP request. */
  public TaskUsage(long cpuMs, long wallMs, int memoryPeakMb, long stdoutBytes, long stderrBytes) {
    this(cpuMs, wallMs, memoryPeakMb, stdoutBytes, stderrBytes, 0, 0);
  }
}
