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

  /** The registry, for the re-checks of live streams' credentials. */
  Registry registry();

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

    /**
     * How often every open stream's credentials are checked again: a login token past its expiry,
     * and (at the registry) an API key revoked or expired or sessions revoked, close the stream
     * with 1008 within this time.
     */
    @WithDefault("5s")
    Duration recheckInterval();

    /**
     * Live connections one user may hold at once on one instance (task streams and {@code /events}
     * together); the next is closed at once with 1008.
     */
    @WithDefault("20")
    int maxConnectionsPerUser();
  }

  /** The registry, which says whether the credential behind a token still works. */
  interface Registry {

    /** The registry's base URL (its internal {@code /internal/sessions/{userId}}). */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    /** How long one check may take; a registry that does not answer closes no stream. */
    @WithDefault("2s")
    Duration timeout();
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
