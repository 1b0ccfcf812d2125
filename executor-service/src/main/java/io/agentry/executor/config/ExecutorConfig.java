package io.agentry.executor.config;

import io.agentry.wire.ExecutorHeap;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

  /** The fair intake: the tasks read ahead and waiting for a worker, in one lane per user. */
  Intake intake();

  /** Capture of the agents' output. */
  Output output();

  /** The linear memory of the runs, together. */
  Memory memory();

  /** The S3-compatible store of agent binaries. */
  Storage storage();

  /** The in-memory cache of verified, compiled modules. */
  Cache cache();

  /** The registry, asked for an agent's name and, for tasks without a binaryHash, its binary. */
  Registry registry();

  /** Reading cancellations from the task-control topic. */
  Control control();

  /** Publication of task events and dead letters to Kafka. */
  Events events();

  /** What this executor remembers of cancelled tasks. */
  Cancellations cancellations();

  /** What this executor remembers of the tasks it finished. */
  FinishedTasks finishedTasks();

  /** Outbound HTTP of the agents (docs/contract.md section 4): limits per task, destinations. */
  Http http();

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

  /**
   * The tasks an executor reads ahead of its workers, each in its user's lane; free workers take
   * them round robin across users. The more it reads ahead, the larger the flood of one user that
   * another user's task can get past.
   */
  interface Intake {

    /** How many tasks may wait for a worker inside the executor, all users together. */
    @WithDefault("256")
    int window();

    /**
     * How many bytes those tasks may hold, each counting its record and its decoded input (a task
     * from the gateway, with 1 MiB of input, about 2.4 MiB). A task larger than that is still taken
     * when no other task waits.
     */
    @WithDefault(ExecutorHeap.DEFAULT_WINDOW_BYTES)
    long windowBytes();
  }

  /** The linear memory of the runs, together. */
  interface Memory {

    /**
     * The share of the maximum heap that running agents may hold together: each run holds its
     * task's {@code maxMemoryMb} while it runs, and a run that does not fit waits for one that
     * ends. The rest of the heap is for the module cache, the intake and the service itself.
     */
    @WithDefault(ExecutorHeap.DEFAULT_HEAP_SHARE)
    double heapShare();
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

  /** How a request is tried again when its server cannot be reached (a missing item is final). */
  interface Retry {

    /** Tries in all, the first one included; then the task fails. */
    @WithDefault("3")
    int attempts();

    /** The pause before the second try; it doubles before each further one. */
    @WithDefault("200ms")
    Duration initialBackoff();
  }

  /** The registry's internal agent lookup, {@code GET <url>/internal/agents/{id}}. */
  interface Registry {

    /** The registry's base URL. */
    @WithDefault("http://127.0.0.1:8081")
    URI url();

    /** How long one lookup may take, connecting included, before it counts as unreachable. */
    @WithDefault("2s")
    Duration timeout();

    /** Lookups that fail because the registry cannot be reached (an unknown agent is final). */
    Retry retry();

    /** What is kept of the answers. */
    AgentCache cache();

    /**
     * The token this executor presents to read agents' secrets for their runs (the registry's
     * {@code agentry.registry.secrets.executor-token}); absent: runs get no secrets.
     */
    Optional<String> secretsToken();

    /** How long an agent's secrets serve its runs before they are asked for again. */
    @WithDefault("30s")
    Duration secretsTtl();
  }

  /** What the executor keeps of the registry's answers, by agent id. */
  interface AgentCache {

    /** The most agents kept; the oldest answers go first. An agent's name never changes. */
    @WithDefault("10000")
    int maxEntries();

    /**
     * How long a kept status and binary hash serve tasks without a binaryHash; older ones are asked
     * for again. (Tasks with a binaryHash need only the name, which is kept as long as it fits.)
     */
    @WithDefault("5s")
    Duration statusTtl();
  }

  /** Reading cancellations from the task-control topic. */
  interface Control {

    /**
     * How far back an executor reads task-control when it is given the topic's partitions, so that
     * it also honours cancellations published before it started.
     */
    @WithDefault("15m")
    Duration replayWindow();

    /**
     * How long tasks wait at start for that read-back to reach the end of the topic; past it they
     * run anyway (a warning is logged).
     */
    @WithDefault("30s")
    Duration replayWait();
  }

  /** The in-memory cache of verified, compiled modules, keyed by binary hash. */
  interface Cache {

    /**
     * The most heap and metaspace the kept compiled modules may hold together, estimated at 64
     * bytes per byte of binary (256 MiB: about 4 MiB of binaries).
     */
    @WithDefault(ExecutorHeap.DEFAULT_CACHE_BYTES)
    long maxBytes();
  }

  /** Publication of task events and dead letters to Kafka. */
  interface Events {

    /** How long one send waits for Kafka's acknowledgement before it is tried again. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** The longest pause between two tries of a send that Kafka did not acknowledge. */
    @WithDefault("30s")
    Duration retryMaxBackoff();

    /**
     * Tries of a dead-letter copy, the first included; a copy Kafka refuses for good (e.g. too
     * large for the topic) is not tried again. Then the record is acknowledged without its copy.
     */
    @WithDefault("3")
    int deadLetterAttempts();
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

  /** Outbound HTTP of the agents, to the origins each agent version declares. */
  interface Http {

    /**
     * True to let agents reach loopback, private, link-local and other special-purpose addresses
     * (for local development, where agents call local servers); never in production, where it would
     * open the cluster's internal network and the cloud metadata address to every agent.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** Requests one task may send, each redirect followed counting as one. */
    @WithDefault("32")
    int maxRequests();

    /** Body bytes of one response (at most 1 GiB). */
    @WithDefault("4194304")
    long maxResponseBytes();

    /** Body bytes of all the responses of one task. */
    @WithDefault("16777216")
    long maxTotalBytes();

    /** Responses of one task whose body is not read to its end, at the same time. */
    @WithDefault("8")
    int maxOpenResponses();

    /**
     * How long a request may wait for its connection and response head, and for each read of its
     * body; the task's own time limit cuts every wait too.
     */
    @WithDefault("30s")
    Duration requestTimeout();
  }
}
