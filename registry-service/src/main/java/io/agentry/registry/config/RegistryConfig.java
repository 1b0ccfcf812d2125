package io.agentry.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the registry service (prefix {@code agentry.registry}). */
@ConfigMapping(prefix = "agentry.registry")
public interface RegistryConfig {

  /** Where agent binaries are kept. */
  Storage storage();

  /** The S3-compatible store of agent binaries. */
  interface Storage {

    /** The bucket that holds agent binaries, each under a key derived from its SHA-256. */
    @WithDefault("agentry-binaries")
    String bucket();

    /** How long the readiness check waits for the store before calling it down. */
    @WithDefault("2s")
    Duration healthTimeout();
  }
}
