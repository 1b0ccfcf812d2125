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

  /** Throttling of logins and registrations, per client address and per username. */
  Throttle throttle();

  /** Agent secrets, encrypted at rest. */
  Secrets secrets();

  /** The S3-compatible store of agent binaries. */
  interface Storage {

    /** The bucket that holds agent binaries, each under a key derived from its SHA-256. */
    @WithDefault("agentry-binaries")
    String bucket();

    /** How long the readiness check waits for the store before calling it down. */
    @WithDefault("2s")
    Duration healthTimeout();
  }

  /** Agent secrets, encrypted at rest. */
  interface Secrets {

    /**
     * The AES-256 key that encrypts new secret values, 32 bytes in base64; when absent a key is
     * generated at first start in {@code agentry.registry.auth.generated-key-dir} (local use only).
     */
    Optional<String> key();

    /**
     * Earlier keys, base64, that still decrypt the values written with them; a key rotation moves
     * the current key here and sets a new one (docs/operations.md, "Secrets").
     */
    Optional<java.util.List<String>> previousKeys();

    /**
     * The token executors present ({@code X-Agentry-Executor-Token}) to read an agent's secret
     * values for a run ({@code GET /internal/agents/{id}/secrets}); absent: no secret is handed
     * out.
     */
    Optional<String> executorToken();
  }

  /** Authentication. */
  interface Auth {

    /** The {@code iss} claim of the tokens the registry signs, and the only issuer it accepts. */
    @WithDefault("agentry")
    String issuer();

    /**
     * The {@code aud} claim of the tokens the registry signs; every service that verifies them (the
     * gateway, the results service, the registry) accepts only this audience.
     */
    @WithDefault("agentry-api")
    String audience();

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

    /**
     * Uploads received at once; the next one is answered 503 {@code uploads-busy} before its body
     * is read.
     */
    @WithDefault("8")
    int maxConcurrent();

    /**
     * Bytes the uploads received at once may spool to {@code quarkus.http.body.uploads-directory}
     * together: each counts its declared Content-Length, or {@code
     * quarkus.http.limits.max-body-size} when it declares none. Keep it below the spool volume's
     * size.
     */
    @WithDefault("192M")
    MemorySize spoolBytes();

    /** The {@code Retry-After} of {@code uploads-busy}. */
    @WithDefault("5")
    int retryAfterSeconds();

    /**
     * The share of the maximum heap that modules being validated at the same time may take; parsing
     * costs about 64 bytes of heap per byte of code. An upload that does not fit waits up to two
     * seconds, then gets 503 {@code validation-busy}; a module whose code alone needs more than the
     * whole share gets 422.
     */
    @WithDefault("0.25")
    double validationHeapShare();
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

  /**
   * Limits on login and registration attempts, each a token bucket per key held in memory (several
   * replicas together allow their number times these limits). A bucket holds its limit and refills
   * completely in its period: 5 per 15 minutes forgives one attempt every 3 minutes.
   */
  interface Throttle {

    /** False turns every limit below off. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Logins. Failed attempts count against the failure limits (a successful login gives its
     * attempt back); every attempt counts against the attempt limits, since each costs a bcrypt.
     */
    Login login();

    /** Registrations. Every attempt with a valid body counts. */
    Register register();

    /**
     * The most keys (addresses or usernames) one limit tracks; the least recently seen go first.
     */
    @WithDefault("50000")
    int maxKeys();

    /** Logins per client address and per username. */
    interface Login {

      /** Failed logins allowed from one client address (IPv6: its /64) at once. */
      @WithDefault("10")
      int addressFailures();

      /** The time in which an address's failed logins are completely forgiven. */
      @WithDefault("1m")
      Duration addressPeriod();

      /** Failed logins allowed for one username (in any letter case) at once. */
      @WithDefault("5")
      int usernameFailures();

      /** The time in which a username's failed logins are completely forgiven. */
      @WithDefault("15m")
      Duration usernamePeriod();

      /** Logins, successful or not, allowed from one client address (IPv6: its /64) at once. */
      @WithDefault("30")
      int addressAttempts();

      /** The time in which an address's logins are completely forgiven. */
      @WithDefault("1m")
      Duration addressAttemptsPeriod();

      /** Logins, successful or not, allowed for one username at once, from unknown clients. */
      @WithDefault("30")
      int usernameAttempts();

      /** The time in which a username's logins are completely forgiven. */
      @WithDefault("15m")
      Duration usernameAttemptsPeriod();

      /**
       * How long a client address from which a user logged in successfully stays known for that
       * user: a known client passes the username limits (a locked username locks out the attacker's
       * addresses, not its owner's), and still counts against its address's limits.
       */
      @WithDefault("30d")
      Duration knownClientRetention();
    }

    /** Registrations per client address. */
    interface Register {

      /** Registrations allowed from one client address (IPv6: its /64) at once. */
      @WithDefault("20")
      int addressAttempts();

      /** The time in which an address's registrations are completely forgiven. */
      @WithDefault("1h")
      Duration addressPeriod();
    }
  }
}
