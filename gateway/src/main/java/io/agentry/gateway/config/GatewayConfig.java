package io.agentry.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the gateway (prefix {@code agentry.gateway}). */
@ConfigMapping(prefix = "agentry.gateway")
public interface GatewayConfig {

  /** Task submission. */
  Tasks tasks();

  /** Downstream services and how the gateway protects itself from them. */
  Routes routes();

  /** Authentication of callers. */
  Auth auth();

  /** Per-user rate limiting; switching it off also lifts the task quotas. */
  RateLimit rateLimit();

  /** What one user may have queued or running at once. */
  Quota quota();

  /** Task submission to Kafka. */
  interface Tasks {

    /**
     * How long a submission waits for Kafka to acknowledge the task before it is refused as {@code
     * queue-unavailable}. Keep it above the producer's {@code delivery.timeout.ms}, so that the
     * producer's own verdict decides and a refused task is never delivered late.
     */
    @WithDefault("12s")
    Duration publishTimeout();

    /** The {@code Retry-After} seconds sent with {@code queue-unavailable}. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** Largest body of {@code POST /tasks}; a larger declared body is refused with 413. */
    @WithDefault("8M")
    MemorySize maxBodySize();

    /** How long an agent looked up in the registry is reused for later submissions. */
    @WithDefault("5s")
    Duration agentCacheTtl();

    /** Largest number of agents kept in the lookup cache. */
    @WithDefault("10000")
    int agentCacheSize();

    /** How long an {@code Idempotency-Key} returns the first task. */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /**
     * How long a duplicate request waits for the first request with the same key to be acknowledged
     * before it is refused as {@code queue-unavailable}.
     */
    @WithDefault("15s")
    Duration idempotencyWait();

    /**
     * How long a request's claim on an {@code Idempotency-Key} holds while its task is not yet
     * acknowledged by Kafka. Past it (the gateway that claimed it died), a request with the same
     * key takes the claim over and queues the same task id again. Keep it well above {@code
     * publish-timeout}, which bounds how long a live claim stays unacknowledged.
     */
    @WithDefault("30s")
    Duration idempotencyClaimLease();
  }

  /** Where the downstream services are and how long to wait for them. */
  interface Routes {

    /** Base URL of registry-service (users, API keys, agents). */
    @WithDefault("http://127.0.0.1:8081")
    String registryUrl();

    /** Base URL of results-service (tasks, results, stats, live events). */
    @WithDefault("http://127.0.0.1:8082")
    String resultsUrl();

    /** How long opening a connection to a downstream service may take. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a proxied exchange may stay silent (no bytes either way) before it is answered with
     * 503; uploads and downloads that keep moving are not cut off.
     */
    @WithDefault("30s")
    Duration idleTimeout();

    /** How long the gateway's own calls to a downstream service (lookups) may take. */
    @WithDefault("5s")
    Duration callTimeout();

    /** Consecutive failures of a route after which its circuit breaker opens. */
    @WithDefault("5")
    int breakerFailureThreshold();

    /** How long an open circuit breaker refuses requests before it lets one through to test. */
    @WithDefault("10s")
    Duration breakerOpenDuration();
  }

  /** API keys and tokens. */
  interface Auth {

    /**
     * How long a token obtained for an API key is reused; a revoked key stops working within this
     * time. Never longer than the token's own lifetime.
     */
    @WithDefault("5s")
    Duration apiKeyCacheTtl();

    /** Largest number of API keys and tokens kept in the caches. */
    @WithDefault("10000")
    int cacheSize();

    /**
     * How long an API key the registry did not accept is answered 401 without asking it again. A
     * well-formed bogus key then costs one registry call and one database query per this time.
     */
    @WithDefault("10s")
    Duration unknownKeyTtl();

    /**
     * How long the registry's answer on whether a login token's session still stands is reused per
     * user and session generation: after {@code POST /users/me/sessions/revoke}, other gateway
     * replicas refuse the user's earlier tokens within this time.
     */
    @WithDefault("5s")
    Duration sessionCheckTtl();

    /** Failed authentications (bogus keys or tokens) allowed at once from one client address. */
    @WithDefault("30")
    int failuresPerAddress();

    /** The time in which an address's failed authentications are completely forgiven. */
    @WithDefault("1m")
    Duration failuresPeriod();
  }

  /**
   * Per-user quotas on tasks queued or running, checked at submission across every gateway replica
   * (the count lives in the gateway's database). Lifted with {@code rate-limit.enabled=false}.
   */
  interface Quota {

    /** Tasks one user may have queued or running at once. */
    @WithDefault("200")
    int maxTasks();

    /**
     * Memory-time one user's queued and running tasks may reserve together, in MiB-seconds: the sum
     * over those tasks of {@code maxMemoryMb x timeoutMs}. The default, 1,228,800, is eight tasks
     * at the largest limits (512 MiB for 300 s), or 640 at the defaults (64 MiB for 30 s), where
     * {@code max-tasks} binds first.
     */
    @WithDefault("1228800")
    long maxMemorySeconds();

    /** The {@code Retry-After} of {@code task-quota-exceeded}. */
    @WithDefault("10")
    int retryAfterSeconds();

    /**
     * How long a reservation whose task Kafka has not acknowledged yet keeps counting: past it, the
     * submission that made it is gone (its gateway died) and the task was never accepted.
     */
    @WithDefault("30s")
    Duration pendingLease();

    /**
     * How long a reservation counts at most, in case its task's terminal event never comes (a task
     * record lost with a Kafka cluster); ended reservations are kept as long, so that a late
     * resubmission of an ended task id is not counted again.
     */
    @WithDefault("24h")
    Duration maxAge();
  }

  /** A token bucket per user. */
  interface RateLimit {

    /** Whether requests are rate limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Requests per second a user may make on average (the bucket's refill rate). */
    @WithDefault("50")
    double requestsPerSecond();

    /** Requests a user may make at once after a quiet period (the bucket's size). */
    @WithDefault("100")
    int burst();
  }
}
