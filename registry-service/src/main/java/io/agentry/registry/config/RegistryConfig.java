package io.agentry.registry.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the registry service (prefix {@code agentry.registry}). */
@ConfigMapping(prefix = "agentry.registry")
public interface RegistryConfig {

  /** Where agent binaries are kept. */
  Storage storage();

  /** Passwords, API keys and the tokens the registry signs. */
  Auth auth();

  /** Agent uploads. */
  Upload upload();

  /** Following the {@code task-events} topic. */
  Events events();

  /** The S3-compatible store of agent binaries. */
  interface Storage {

    /** The bucket that holds agent binaries, each under a key derived from its SHA-256. */
    @WithDefault("agentry-binaries")
    String bucket();

    /** How long the readiness check waits for the store before calling it down. */
    @WithDefault("2s")
    Duration healthTimeout();
  }

  /** Authentication. */
  interface Auth {

    /** The {@code iss} claim of the tokens the registry signs, and the only issuer it accepts. */
    @WithDefault("agentry")
    String issuer();

    /** How long a token from {@code POST /users/login} is valid. */
    @WithDefault("1h")
    Duration tokenLifetime();

    /** How long a token from the internal exchange {@code POST /auth/token} is valid. */
    @WithDefault("5m")
    Duration exchangeTokenLifetime();

    /** PEM file of the RS256 signing key (PKCS#8); when absent a generated pair is used. */
    Optional<Path> privateKeyLocation();

    /** PEM file of the matching public key (X.509 SubjectPublicKeyInfo). */
    Optional<Path> publicKeyLocation();

    /** Where a key pair is generated at first start and reused later, when none is configured. */
    @WithDefault(".agentry/data/registry-keys")
    Path generatedKeyDir();

    /** The bcrypt cost (log2 of the rounds) of new password hashes. */
    @WithDefault("10")
    int bcryptCost();
  }

  /** Agent uploads. */
  interface Upload {

    /**
     * The largest binary accepted; {@code quarkus.http.limits.max-body-size} must leave room for it
     * plus the metadata.
     */
    @WithDefault("50M")
    MemorySize maxBinarySize();
  }

  /** Counting completed tasks from {@code task-events}. */
  interface Events {

    /** The first pause before a failed database write is tried again. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /** The longest pause between tries; writes are retried until they succeed. */
    @WithDefault("10s")
    Duration retryMaxBackoff();
  }
}
