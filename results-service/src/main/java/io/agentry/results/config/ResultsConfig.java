package io.agentry.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the results service (prefix {@code agentry.results}). */
@ConfigMapping(prefix = "agentry.results")
public interface ResultsConfig {

  /** How events are persisted. */
  Persistence persistence();

  /** Persisting task events. */
  interface Persistence {

    /** The first pause before a failed database write is tried again. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /** The longest pause between tries; writes are retried until they succeed. */
    @WithDefault("10s")
    Duration retryMaxBackoff();
  }
}
