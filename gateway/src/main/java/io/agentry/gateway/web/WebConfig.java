package io.agentry.gateway.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the web pages and their sessions (prefix {@code agentry.gateway.web}). */
@ConfigMapping(prefix = "agentry.gateway.web")
public interface WebConfig {

  /**
   * How long a looked-up session is reused by this gateway without asking the database again; a
   * sign-out through another replica takes effect here within this time.
   */
  @WithDefault("5s")
  Duration sessionCacheTtl();

  /** Largest number of sessions kept in that cache. */
  @WithDefault("10000")
  int sessionCacheSize();

  /** Per-address rate limit of anonymous reads of the marketplace. */
  AnonymousReads anonymousReads();

  /** The token bucket of each client address that reads without credentials. */
  interface AnonymousReads {

    /** Requests per second one address may make on average without credentials. */
    @WithDefault("20")
    double requestsPerSecond();

    /** Requests one address may make at once after a quiet period. */
    @WithDefault("100")
    int burst();
  }
}
