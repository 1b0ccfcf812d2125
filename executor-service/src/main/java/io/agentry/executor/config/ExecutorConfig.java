package io.agentry.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Configuration of the executor service (prefix {@code agentry.executor}). */
@ConfigMapping(prefix = "agentry.executor")
public interface ExecutorConfig {

  /**
   * This executor's name in the events it publishes; when absent, the host name and the process id,
   * e.g. {@code worker-3-4711}.
   */
  Optional<String> id();

  /** The pool that runs agents. */
  Workers workers();

  /** Capture of the agents' output. */
  Output output();

  /** The S3-compatible store of agent binaries. */
  Storage storage();

  /** The in-memory cache of verified, compiled modules. */
  Cache cache();

  /** Publication of task events and dead letters to Kafka. */
  Events events();

  /** What this executor remembers of cancelled tasks. */
  Cancellations cancellations();

  /** What this executor remembers of the tasks it finished. */
  FinishedTasks finishedTasks();

  /**
   * On shutdown, how long runs in progress may go on before they are stopped; a stopped run gets no
   * terminal event and its record is not committed, so another executor runs it again.
   */
  @WithDefault("30s")
  Duration shutdownGrace();

  /** The pool that runs agents. */
  interface Workers {

    /** How many agents run at the same time; when absent, the number of available processors. */
    OptionalInt threads();
  }

  /** Capture of the agents' output. */
  interface Output {

    /** Bytes of stdout, and separately of stderr, kept per task; the rest is dropped. */
    @WithDefault("1048576")
    int capBytes();
  }

  /** The S3-compatible store of agent binaries. */
  interface Storage {

    /** The bucket that holds agent binaries, each under {@code sha256/<lowercase hex>}. */
    @WithDefault("agentry-binaries")
    String bucket();

    /** How long the readiness check waits for the store before calling it down. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** Reads that fail because the store cannot be reached. */
    Retry retry();
  }

  /** How a read is tried again when the store cannot be reached (a missing object is final). */
  interface Retry {

    /** Tries in all, the first one included; then the task fails. */
    @WithDefault("3")
    int attempts();

    /** The pause before the second try; it doubles before each further one. */
    @WithDefault("200ms")
    Duration initialBackoff();
  }

  /** The in-memory cache of verified, compiled modules, keyed by binary hash. */
  interface Cache {

    /** The most bytes of binaries whose compiled modules are kept (256 MiB). */
    @WithDefault("268435456")
    long maxBinaryBytes();

    /** The most compiled modules kept. */
    @WithDefault("64")
    int maxModules();
  }

  /** Publication of task events and dead letters to Kafka. */
  interface Events {

    /** How long one send waits for Kafka's acknowledgement before it is tried again. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** The longest pause between two tries of a send that Kafka did not acknowledge. */
    @WithDefault("30s")
    Duration retryMaxBackoff();
  }

  /** Cancellations, read from the task-control topic and kept for tasks not seen yet. */
  interface Cancellations {

    /** How long a cancellation waits for its task to arrive. */
    @WithDefault("10m")
    Duration rememberFor();

    /** The most cancellations kept; the oldest go first. */
    @WithDefault("100000")
    int maxEntries();
  }

  /** Tasks this executor finished, so that a redelivered record of one is not run again. */
  interface FinishedTasks {

    /** How many of the most recently finished tasks are kept. */
    @WithDefault("10000")
    int maxEntries();
  }
}
