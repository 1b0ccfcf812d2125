package io.agentry.sandbox;

/**
 * What a module may declare, so that validating and running it stay bounded: the registry refuses a
 * module past these at upload (422 {@code invalid-wasm}), the executor before a run. Each limit is
 * far above what the toolchains produce for an agent (a Rust or C agent has hundreds to a few
 * thousand functions and one memory and table).
 */
public final class ModuleLimits {

  /** Functions a module may define. */
  public static final int MAX_FUNCTIONS = 100_000;

  /** Bytes of one function body. */
  public static final int MAX_FUNCTION_BODY_BYTES = 1024 * 1024;

  /** Locals of one function, all runs of locals together (the parser's own limit is per run). */
  public static final int MAX_FUNCTION_LOCALS = 50_000;

  /** Locals a module may declare per byte of its code section, beyond one function's worth. */
  public static final int LOCALS_PER_CODE_BYTE = 4;

  /** Sections of a module, custom sections included. */
  public static final int MAX_SECTIONS = 100;

  /** Linear memories: one (the multi-memory proposal's further memories are refused). */
  public static final int MAX_MEMORIES = 1;

  /** Tables: one. */
  public static final int MAX_TABLES = 1;

  /**
   * Entries a table may hold, at its start and after any {@code table.grow}. Each entry costs the
   * host 16 bytes at most, so a table holds at most 1 MiB, which a run's memory limit counts.
   */
  public static final int MAX_TABLE_ENTRIES = 65_536;

  /** What one table entry may cost the host, in bytes (an int and a reference, with headroom). */
  public static final int TABLE_ENTRY_BYTES = 16;

  private ModuleLimits() {}
}
