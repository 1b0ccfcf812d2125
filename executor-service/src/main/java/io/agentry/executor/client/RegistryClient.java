package io.agentry.executor.client;

import io.agentry.executor.config.ExecutorConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks the registry about agents ({@code GET /internal/agents/{id}}), blocking the calling worker
 * thread. A lookup that fails because the registry cannot be reached (no answer in time, HTTP 5xx
 * or 429) is tried again with exponential back-off, a bounded number of times; an unknown agent
 * (404) is final at once, and so is any other refusal.
 */
@ApplicationScoped
public class RegistryClient implements AgentLookup {

  private static final Logger LOG = Logger.getLogger(RegistryClient.class);
  private static final int NOT_FOUND = 404;
  private static final int TOO_MANY_REQUESTS = 429;
  private static final int FIRST_SERVER_ERROR = 500;

  private final RegistryApi api;
  private final int attempts;
  private final Duration initialBackoff;

  @Inject
  public RegistryClient(ExecutorConfig config) {
    this(
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(config.registry().url())
            .connectTimeout(config.registry().timeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(config.registry().timeout().toMillis(), TimeUnit.MILLISECONDS)
            .build(RegistryApi.class),
        config.registry().retry().attempts(),
        config.registry().retry().initialBackoff());
  }

  RegistryClient(RegistryApi api, int attempts, Duration initialBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "agentry.executor.registry.retry.attempts must be at least 1, was " + attempts);
    }
    this.api = api;
    this.attempts = attempts;
    this.initialBackoff = initialBackoff;
  }

  @Override
  public Optional<RegisteredAgent> find(UUID agentId, String binaryHash) {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return ask(agentId, binaryHash);
      } catch (Unreachable e) {
        if (attempt >= attempts) {
          LOG.warnf("The registry could not be reached for agent %s: %s", agentId, e.getCause());
          throw AgentLookupException.unreachable(agentId, attempts, e.getCause());
        }
        LOG.infof(
            "The registry could not be reached for agent %s (attempt %d of %d), trying again in"
                + " %d ms: %s",
            agentId, attempt, attempts, backoff.toMillis(), e.getCause().toString());
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  /**
   * The values of the agent's secrets, asked once (a failure fails the task, which can be submitted
   * again); never logged.
   *
   * @throws AgentLookupException when the registry cannot be reached or refuses
   */
  public java.util.Map<String, String> secrets(UUID agentId, String token) {
    try {
      java.util.Map<String, String> values = api.secrets(agentId, token);
      return values == null ? java.util.Map.of() : values;
    } catch (WebApplicationException e) {
      throw new AgentLookupException(
          "the registry refused the secrets of agent "
              + agentId
              + " (HTTP "
              + e.getResponse().getStatus()
              + "); the executors' token (agentry.executor.registry.secrets-token) needs fixing",
          null);
    } catch (ProcessingException e) {
      if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for the registry");
      }
      throw new AgentLookupException(
          "the registry could not be reached for the secrets of agent "
              + agentId
              + "; submit the task again",
          null);
    }
  }

  private Optional<RegisteredAgent> ask(UUID agentId, String binaryHash) throws Unreachable {
    RegisteredAgent agent;
    try {
      agent = api.get(agentId, binaryHash);
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == NOT_FOUND) {
        return Optional.empty();
      }
      if (status >= FIRST_SERVER_ERROR || status == TOO_MANY_REQUESTS) {
        throw new Unreachable(e);
      }
      throw AgentLookupException.refused(agentId, status, e);
    } catch (ProcessingException e) {
      if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for the registry");
      }
      throw new Unreachable(e);
    }
    if (agent == null
        || agent.name() == null
        || agent.status() == null
        || agent.binaryHash() == null) {
      throw AgentLookupException.incomplete(agentId);
    }
    return Optional.of(agent);
  }

  /** Waits before the next try; an interrupt means the executor is stopping. */
  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the registry");
    }
  }

  /** A lookup that may work when tried again. */
  private static final class Unreachable extends Exception {
    Unreachable(Throwable cause) {
      super(cause);
    }
  }
}
