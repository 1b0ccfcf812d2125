package io.agentry.wire;

import java.time.Instant;

/** The wire format version and the bounds every task and event must respect (docs/contract.md). */
public final class TaskLimits {
  /** The only {@code specVersion} this codec writes and reads. */
  public static final int SPEC_VERSION = 1;

  private static final int MIB = 1024 * 1024;

  /** Largest task input, counted in decoded bytes. */
  public static final int MAX_INPUT_BYTES = MIB;

  public static final int DEFAULT_TIMEOUT_MS = 30_000;
  public static final int MIN_TIMEOUT_MS = 1;
  public static final int MAX_TIMEOUT_MS = 300_000;

  public static final int DEFAULT_MEMORY_MB = 64;
  public static final int MIN_MEMORY_MB = 1;
  public static final int MAX_MEMORY_MB = 512;

  public static final int MAX_ARGS = 64;
  public static final int MAX_ENV_ENTRIES = 64;

  /** Largest arg, env key or env value, in bytes of UTF-8. */
  public static final int MAX_STRING_BYTES = 4096;

  /** Default capture cap for each of stdout and stderr. */
  public static final int DEFAULT_OUTPUT_CAP_BYTES = MIB;

  /**
   * Largest stdout or stderr an event may carry, so that a configured capture cap cannot produce an
   * event over {@link #MAX_EVENT_RECORD_BYTES}: two full streams in base64 take 13.4 MiB.
   */
  public static final int MAX_OUTPUT_CAP_BYTES = 5 * MIB;

  /** Largest agent binary the registry accepts. */
  public static final long MAX_BINARY_BYTES = 50L * MIB;

  /** Largest {@code result.error}, in bytes of UTF-8. */
  public static final int MAX_ERROR_BYTES = 8192;

  /** Largest {@code executorId}, in bytes of UTF-8. */
  public static final int MAX_EXECUTOR_ID_BYTES = 256;

  /**
   * Largest task record the codec reads. The largest legal task is under 6 MiB even when every arg
   * and env string consists of control characters, which JSON escapes as six bytes each.
   */
  public static final int MAX_TASK_RECORD_BYTES = 8 * MIB;

  /** Largest event record the codec reads: fits two streams of {@link #MAX_OUTPUT_CAP_BYTES}. */
  public static final int MAX_EVENT_RECORD_BYTES = 16 * MIB;

  /** Largest control record the codec reads; a valid one takes about 200 bytes. */
  public static final int MAX_CONTROL_RECORD_BYTES = 4096;

  /**
   * Earliest timestamp a message may carry. Timestamps end up in PostgreSQL columns and in keyset
   * cursors; outside this range (years 1970 to 9999) a consumer could only store a wrong value or
   * fail to store the event at all.
   */
  public static final Instant EARLIEST_TIMESTAMP = Instant.parse("1970-01-01T00:00:00Z");

  /** Latest timestamp a message may carry (see {@link #EARLIEST_TIMESTAMP}). */
  public static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private TaskLimits() {}
}
