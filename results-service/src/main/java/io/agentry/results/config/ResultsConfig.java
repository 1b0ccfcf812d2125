package io.agentry.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the results service (prefix {@code agentry.results}). */
@ConfigMapping(prefix = "agentry.results")
public interface ResultsConfig {

  /** How events are persisted. */
  Persistence persistence();

  /** Live events over WebSockets. */
  Live live();

  /** How long results are kept. */
  Retention retention();

  /** Persisting task events. */
  interface Persistence {

    /** The first pause before a failed database write is tried again. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /** The longest pause between tries; writes are retried until they succeed. */
    @WithDefault("10s")
    Duration retryMaxBackoff();
  }

  /** Fan-out of task events to WebSocket clients. */
  interface Live {

    /**
     * How many messages may wait for one slow connection; past that the connection is closed with a
     * policy-violation close ("client too slow").
     */
    @WithDefault("256")
    int bufferSize();
  }

  /** Deleting old results. */
  interface Retention {

    /** Results (and their tasks) older than this are deleted. */
    @WithDefault("30d")
    Duration maxAge();

    /** How many results one delete statement removes; the job repeats until none are left. */
    @WithDefault("1000")
    int batchSize();

    /**
     * How often the job runs (a Quarkus scheduler interval, e.g. {@code 1h}); {@code off} turns it
     * off.
     */
    @WithDefault("1h")
    String interval();
  }
}
