package io.agentry.sandbox;

import io.agentry.sandbox.http.HttpImports;
import io.agentry.sandbox.http.HttpSettings;
import io.agentry.sandbox.internal.BoundedOutput;
import io.agentry.sandbox.internal.BoundedWasi;
import io.agentry.sandbox.internal.MemoryCap;
import io.agentry.sandbox.internal.TableCap;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import run.endive.log.SystemLogger;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.TrapException;
import run.endive.runtime.WasmInterruptedException;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.UninstantiableException;
import run.endive.wasm.UnlinkableException;
import run.endive.wasm.WasmEngineException;

/**
 * Runs agents as WASI preview1 commands under the limits of docs/contract.md section 4: stdin, argv
 * and exactly the given environment; no files, directories or sockets; outbound HTTP only through
 * the {@code agentry} calls, to the origins the agent declared ({@link HttpImports}); output
 * captured up to a cap; linear memory capped; wall-clock time limit. Each run gets a fresh instance
 * and runs on the calling thread. Thread-safe.
 */
public final class Sandbox implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());

  /**
   * Shared by every run: without a logger of its own, each {@code WasiPreview1.build()} probes the
   * classpath for Android, which cost about 35 us per task.
   */
  private static final run.endive.log.Logger WASI_LOG = new SystemLogger();

  private static final int PAGES_PER_MIB = 16;
  private static final long PAGE_BYTES = 65536;
  private static final long MIB = 1024 * 1024;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final int outputCapBytes;
  private final MemoryBudget memory;
  private final ScheduledThreadPoolExecutor timer;
  private final SecureRandom random = new SecureRandom();
  private final HttpSettings http;

  /**
   * A sandbox whose runs do not count their memory against a budget (tests and benchmarks).
   *
   * @param outputCapBytes bytes of stdout, and separately of stderr, kept per run
   */
  public Sandbox(int outputCapBytes) {
    this(outputCapBytes, MemoryBudget.unlimited());
  }

  /**
   * @param outputCapBytes bytes of stdout, and separately of stderr, kept per run
   * @param memory the linear memory all runs may hold together; a run holds its task's limit
   */
  public Sandbox(int outputCapBytes, MemoryBudget memory) {
    this(outputCapBytes, memory, HttpSettings.defaults());
  }

  /**
   * @param outputCapBytes bytes of stdout, and separately of stderr, kept per run
   * @param memory the linear memory all runs may hold together; a run holds its task's limit
   * @param http how the runs make outbound HTTP requests (limits, private destinations, TLS)
   */
  public Sandbox(int outputCapBytes, MemoryBudget memory, HttpSettings http) {
    if (outputCapBytes < 0 || outputCapBytes > TaskLimits.MAX_OUTPUT_CAP_BYTES) {
      throw new IllegalArgumentException(
          "the output cap must be 0 to "
              + TaskLimits.MAX_OUTPUT_CAP_BYTES
              + " bytes, was "
              + outputCapBytes);
    }
    this.outputCapBytes = outputCapBytes;
    this.memory = memory;
    this.http = http;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Runs the module's {@code _start} to its end, on this thread, and says how it ended. Never
   * throws for anything the module does.
   *
   * @throws CancellationException when this thread is interrupted by anyone but the time limit (the
   *     executor is stopping); the interrupt flag stays set and no outcome is reported
   */
  public RunOutcome run(PreparedModule module, RunRequest request) {
    return run(module, request, new RunControl());
  }

  /**
   * Runs the module's {@code _start} to its end, on this thread, and says how it ended: also when
   * {@code control} cancels it (CANCELLED) or its time limit passes (TIMED_OUT). Never throws for
   * anything the module does. When the run ends, this thread's interrupt flag is as it was before.
   *
   * @param control a fresh control, which another thread may use to stop this run
   * @throws CancellationException when the run was stopped because the executor is stopping, or
   *     when this thread was interrupted by someone else (then its interrupt flag stays set); no
   *     outcome is reported
   */
  public RunOutcome run(PreparedModule module, RunRequest request, RunControl control) {
    RunControl.Reason stoppedBefore = control.enter();
    try {
      if (stoppedBefore != null) {
        return notStarted(stoppedBefore);
      }
      // The limit covers everything the module can make the host hold: its tables take their
      // share first.
      int tablePages = (int) ((module.reservedTableBytes() + PAGE_BYTES - 1) / PAGE_BYTES);
      int capPages = request.maxMemoryMb() * PAGES_PER_MIB - tablePages;
      if (module.initialPages() > capPages) {
        return RunOutcome.failed(
            "the module declares "
                + module.initialPages()
                + " pages ("
                + mib(module.initialPages())
                + " MiB) of initial memory, more than the task's limit of "
                + request.maxMemoryMb()
                + " MiB ("
                + capPages
                + " pages"
                + (tablePages > 0 ? " once its tables take " + tablePages + " pages" : "")
                + "); it was not run");
      }
      if (request.maxMemoryMb() > memory.totalMb()) {
        return RunOutcome.failed(
            "the task's memory limit of "
                + request.maxMemoryMb()
                + " MiB is more than this executor gives all its runs together ("
                + memory.totalMb()
                + " MiB); submit it with a lower maxMemoryMb");
      }
      try {
        // Before the time limit starts: waiting for memory is not the module's time.
        memory.take(request.maxMemoryMb());
      } catch (InterruptedException e) {
        return stoppedWhileWaiting(control);
      }
      try {
        // The duration counts from the moment the time limit starts, so a TIMED_OUT run never
        // reports less than its limit.
        long startNanos = System.nanoTime();
        ScheduledFuture<?> deadline =
            timer.schedule(
                () -> control.stop(RunControl.Reason.TIME_LIMIT),
                request.timeoutMs(),
                TimeUnit.MILLISECONDS);
        try {
          return execute(module, request, control, capPages, startNanos);
        } finally {
          deadline.cancel(false);
        }
      } finally {
        memory.give(request.maxMemoryMb());
      }
    } finally {
      control.exit();
    }
  }

  private RunOutcome execute(
      PreparedModule module,
      RunRequest request,
      RunControl control,
      int capPages,
      long startNanos) {
    BoundedOutput stdout = new BoundedOutput(outputCapBytes);
    BoundedOutput stderr = new BoundedOutput(outputCapBytes);
    MemoryCap memory = new MemoryCap(capPages);
    TableCap tables = module.tableCap();
    HttpImports outbound = new HttpImports(request.http(), http);
    Run run = new Run(stdout, stderr, memory, tables, outbound, startNanos, cpuNanos());
    try (outbound;
        WasiPreview1 wasi =
            WasiPreview1.builder()
                .withLogger(WASI_LOG)
                .withOptions(options(request, stdout, stderr))
                .build()) {
      BoundedWasi bounded = new BoundedWasi(request.stdin(), stdout, stderr, random);
      ImportValues imports =
          ImportValues.builder()
              .addFunction(bounded.bound(wasi.toHostFunctions()))
              .addFunction(outbound.functions())
              .build();
      Instance instance = module.instantiate(imports, memory, tables);
      instance.export("_start").apply();
      return run.end(TaskStatus.SUCCEEDED, 0, null);
    } catch (WasiExitException e) {
      return e.exitCode() == 0
          ? run.end(TaskStatus.SUCCEEDED, 0, null)
          : run.end(
              TaskStatus.FAILED,
              e.exitCode(),
              "exited with code " + e.exitCode() + memoryNote(memory, request));
    } catch (WasmInterruptedException e) {
      return stopped(run, request, control.reason());
    } catch (UnlinkableException e) {
      return run.end(TaskStatus.FAILED, null, "the module cannot be linked: " + describe(e));
    } catch (UninstantiableException e) {
      if (causedByInterrupt(e)) {
        return stopped(run, request, control.reason());
      }
      // Endive reports a trap in the module's start function this way.
      String prefix =
          e.getCause() instanceof TrapException
              ? "trapped: "
              : "the module cannot be instantiated: ";
      return run.end(TaskStatus.FAILED, null, prefix + describe(e));
    } catch (WasmEngineException e) {
      if (causedByInterrupt(e)) {
        // A host call that waits (poll_oneoff sleeps) reports the interrupt as a
        // WasmEngineException
        // caused by an InterruptedException, and the wait has cleared the interrupt flag.
        return stopped(run, request, control.reason());
      }
      // TrapException (unreachable, out-of-bounds access, ...) and "call stack exhausted".
      return run.end(
          TaskStatus.FAILED, null, "trapped: " + describe(e) + memoryNote(memory, request));
    } catch (StackOverflowError e) {
      return run.end(TaskStatus.FAILED, null, "trapped: call stack exhausted");
    } catch (OutOfMemoryError e) {
      // Host calls never allocate what the module sizes, so this is the heap that every run
      // shares, not this module's doing; its own memory is capped and reported apart.
      return run.end(
          TaskStatus.FAILED,
          null,
          "the executor's heap, shared by all runs, had no room for this run; submit the task"
              + " again"
              + memoryNote(memory, request));
    } catch (RuntimeException e) {
      if (causedByInterrupt(e)) {
        return stopped(run, request, control.reason());
      }
      LOG.log(System.Logger.Level.WARNING, "A run failed inside the executor", e);
      return run.end(
          TaskStatus.FAILED, null, "the run failed inside the executor: " + e.getClass().getName());
    }
  }

  /** The outcome of a run that an interrupt stopped, by who stopped it. */
  private static RunOutcome stopped(Run run, RunRequest request, RunControl.Reason reason) {
    if (reason == null) {
      // Not ours: whoever interrupted this thread wants it back.
      Thread.currentThread().interrupt();
      throw new CancellationException("the run was interrupted: the executor is stopping");
    }
    return switch (reason) {
      case TIME_LIMIT ->
          run.end(TaskStatus.TIMED_OUT, null, "timed out after " + request.timeoutMs() + " ms");
      case CANCELLED -> run.end(TaskStatus.CANCELLED, null, RunOutcome.CANCELLED_BY_USER);
      case SHUTDOWN ->
          throw new CancellationException("the run was stopped: the executor is stopping");
    };
  }

  /** A run stopped while it waited for memory: by its control, or by someone else's interrupt. */
  private static RunOutcome stoppedWhileWaiting(RunControl control) {
    RunControl.Reason reason = control.reason();
    if (reason == null) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the run did not start: its thread was interrupted");
    }
    return notStarted(reason);
  }

  private static RunOutcome notStarted(RunControl.Reason reason) {
    if (reason == RunControl.Reason.CANCELLED) {
      return RunOutcome.cancelled();
    }
    throw new CancellationException("the run did not start: the executor is stopping");
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private WasiOptions options(RunRequest request, BoundedOutput stdout, BoundedOutput stderr) {
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withStdin(new ByteArrayInputStream(request.stdin()), false)
            .withStdout(stdout, false)
            .withStderr(stderr, false)
            .withArguments(request.argv())
            .withRandom(random);
    for (Map.Entry<String, String> variable : request.env().entrySet()) {
      options.withEnvironment(variable.getKey(), variable.getValue());
    }
    return options.build();
  }

  /**
   * What a failed run adds to its error when its memory grew: a module whose {@code memory.grow} is
   * refused at the task's limit gives up with a trap or an exit code of its own (which grow was
   * refused is not visible from here), and how close it came to the limit tells the user whether a
   * higher {@code maxMemoryMb} is the fix.
   */
  private static String memoryNote(MemoryCap memory, RunRequest request) {
    return memory.grew()
        ? "; its memory had grown to "
            + memory.pages() / PAGES_PER_MIB
            + " MiB of the task's limit of "
            + request.maxMemoryMb()
            + " MiB"
        : "";
  }

  /** True when the failure is how an interrupt of this thread surfaced, not the module's doing. */
  private static boolean causedByInterrupt(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof WasmInterruptedException || cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(WasmEngineException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static long mib(int pages) {
    return (pages + PAGES_PER_MIB - 1) / PAGES_PER_MIB;
  }

  /** CPU time of this thread in nanoseconds, or -1 where the JVM does not measure it. */
  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /**
   * The captured output, memory, tables and start times of one run, turned into its outcome and
   * usage at the end.
   */
  private record Run(
      BoundedOutput stdout,
      BoundedOutput stderr,
      MemoryCap memory,
      TableCap tables,
      HttpImports outbound,
      long startNanos,
      long startCpuNanos) {

    RunOutcome end(TaskStatus status, Integer exitCode, String error) {
      long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
      long cpu = cpuNanos();
      long cpuMs = cpu < 0 || startCpuNanos < 0 ? 0 : (cpu - startCpuNanos) / 1_000_000;
      // Memory and tables only grow during a run: their size at the end is the peak.
      long peakBytes = (long) memory.pages() * PAGE_BYTES + tables.bytes();
      int peakMb = (int) Math.min(TaskLimits.MAX_MEMORY_MB, (peakBytes + MIB - 1) / MIB);
      return new RunOutcome(
          status,
          new TaskResult(
              exitCode,
              stdout.bytes(),
              stderr.bytes(),
              stdout.truncated(),
              stderr.truncated(),
              durationMs,
              error == null ? null : ErrorText.of(error),
              new TaskUsage(
                  cpuMs,
                  durationMs,
                  peakMb,
                  stdout.total(),
                  stderr.total(),
                  outbound.requests(),
                  outbound.bodyBytes())));
    }
  }
}
