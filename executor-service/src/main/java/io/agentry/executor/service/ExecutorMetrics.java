package io.agentry.executor.service;

import io.agentry.sandbox.ModuleCache;
import io.agentry.wire.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The executor's meters, all named {@code agentry.executor.*} (Prometheus: {@code
 * agentry_executor_*}): tasks by outcome, run duration, queue wait, module cache, compile time,
 * workers and the fair intake. Created at startup so that the gauges exist before the first task.
 */
@Startup
@Singleton
public class ExecutorMetrics {

  private static final Duration LONGEST_RUN = Duration.ofMinutes(5);

  private final MeterRegistry registry;
  private final Timer queueWait;
  private final Timer compile;
  private final Timer terminalEventPublish;
  private final Counter duplicates;
  private final Counter cancellations;
  private final Counter deadLettersDropped;

  public ExecutorMetrics(MeterRegistry registry, WorkerPool workers, ModuleCache cache) {
    this.registry = registry;
    Gauge.builder("agentry.executor.workers", workers, WorkerPool::size)
        .description("Worker threads that run agents")
        .strongReference(true)
        .register(registry);
    Gauge.builder("agentry.executor.workers.busy", workers, WorkerPool::busy)
        .description("Workers running a task now")
        .strongReference(true)
        .register(registry);
    Gauge.builder("agentry.executor.intake.waiting", workers, WorkerPool::waiting)
        .description("Tasks read ahead that wait for a worker, all users together")
        .strongReference(true)
        .register(registry);
    Gauge.builder("agentry.executor.intake.waiting.bytes", workers, WorkerPool::waitingWeight)
        .description("Bytes held by the tasks that wait for a worker")
        .strongReference(true)
        .register(registry);
    Gauge.builder("agentry.executor.intake.users", workers, WorkerPool::waitingLanes)
        .description("Users with tasks waiting for a worker")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("agentry.executor.cache.hits", cache, ModuleCache::hits)
        .description("Tasks whose compiled module was in the cache")
        .register(registry);
    FunctionCounter.builder("agentry.executor.cache.misses", cache, ModuleCache::misses)
        .description("Tasks whose module had to be fetched and compiled")
        .register(registry);
    FunctionCounter.builder("agentry.executor.cache.evictions", cache, ModuleCache::evictions)
        .description("Compiled modules dropped to keep the cache within its bounds")
        .register(registry);
    Gauge.builder("agentry.executor.cache.modules", cache, ModuleCache::size)
        .description("Compiled modules in the cache")
        .register(registry);
    Gauge.builder("agentry.executor.cache.footprint", cache, ModuleCache::footprintBytes)
        .description("Estimated heap and metaspace of the compiled modules in the cache")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    this.queueWait =
        Timer.builder("agentry.executor.queue.wait")
            .description("From a task's submittedAt to the moment a worker took it up")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    this.compile =
        Timer.builder("agentry.executor.compile.duration")
            .description("Parsing, validating and compiling a binary that was not in the cache")
            .publishPercentileHistogram()
            .register(registry);
    this.terminalEventPublish =
        Timer.builder("agentry.executor.event.publish")
            .description("From sending a task's terminal event to Kafka's acknowledgement")
            .publishPercentileHistogram()
            .register(registry);
    this.duplicates =
        Counter.builder("agentry.executor.tasks.skipped")
            .description(
                "Task records not run because this executor had finished or was running it")
            .tag("reason", "duplicate")
            .register(registry);
    this.cancellations =
        Counter.builder("agentry.executor.cancellations")
            .description("Cancellations read from task-control")
            .register(registry);
    this.deadLettersDropped =
        Counter.builder("agentry.executor.dead.letters.dropped")
            .description("unreadable task records whose dead-letter copy Kafka did not take")
            .register(registry);
  }

  /** A task ended with a terminal event. */
  public void taskEnded(TaskStatus status) {
    registry.counter("agentry.executor.tasks", "status", status.name()).increment();
  }

  /** The sandbox ran a task for {@code durationMs}, ending with {@code status}. */
  public void ran(TaskStatus status, long durationMs) {
    Timer.builder("agentry.executor.run.duration")
        .description("Time in the sandbox, from instantiation to the end of _start")
        .tag("status", status.name())
        .publishPercentileHistogram()
        .maximumExpectedValue(LONGEST_RUN)
        .register(registry)
        .record(durationMs, TimeUnit.MILLISECONDS);
  }

  /** A task waited {@code wait} between its submission and a worker. */
  public void waited(Duration wait) {
    queueWait.record(wait.isNegative() ? Duration.ZERO : wait);
  }

  /** A binary was parsed and compiled in {@code nanos}. */
  public void compiled(long nanos) {
    compile.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Kafka acknowledged a terminal event {@code nanos} after it was sent. */
  public void terminalEventAcknowledged(long nanos) {
    terminalEventPublish.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A record of a task that this executor finished, or is running, was not run again. */
  public void duplicateSkipped() {
    duplicates.increment();
  }

  /** A cancellation was read. */
  public void cancellationRead() {
    cancellations.increment();
  }

  /** An unreadable record was acknowledged without its dead-letter copy. */
  public void deadLetterDropped() {
    deadLettersDropped.increment();
  }
}
