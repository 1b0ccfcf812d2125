package io.agentry.results.live;

import io.agentry.results.client.RegistrySessions;
import io.agentry.results.config.ResultsConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The live streams' credentials after connect time: at most {@code max-connections-per-user}
 * streams per user on this instance, and every {@code recheck-interval} each stream's credential
 * checked again (a login token's expiry here, revocations and key expiry at the registry, once per
 * distinct credential), closing with 1008 and the reason those that no longer hold. A registry that
 * does not answer closes nothing (logged); the gateway checks every new connection.
 */
@ApplicationScoped
public class LiveGuard {

  /** A WebSocket close reason holds at most 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;

  private static final Logger LOG = Logger.getLogger(LiveGuard.class);

  private record Tracked(WebSocketConnection connection, LiveCredential credential) {}

  private final RegistrySessions registry;
  private final int maxPerUser;
  private final long timeoutMillis;
  private final Map<String, Tracked> open = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> perUser = new ConcurrentHashMap<>();

  public LiveGuard(RegistrySessions registry, ResultsConfig config) {
    this.registry = registry;
    this.maxPerUser = config.live().maxConnectionsPerUser();
    this.timeoutMillis = config.registry().timeout().toMillis() + 1000;
  }

  /**
   * Counts the connection against its user's limit; false (nothing counted) when the user already
   * holds as many.
   */
  public boolean admit(WebSocketConnection connection, LiveCredential credential) {
    boolean[] admitted = {false};
    perUser.compute(
        credential.userId(),
        (user, count) -> {
          int held = count == null ? 0 : count;
          if (held >= maxPerUser) {
            return count;
          }
          admitted[0] = true;
          return held + 1;
        });
    if (admitted[0]) {
      open.put(connection.id(), new Tracked(connection, credential));
    }
    return admitted[0];
  }

  /** The close sent to a connection over its user's limit. */
  public CloseReason tooMany() {
    return new CloseReason(
        LiveOutbox.POLICY_VIOLATION,
        "too many live connections: at most " + maxPerUser + " per user on this server");
  }

  public void release(WebSocketConnection connection) {
    Tracked tracked = open.remove(connection.id());
    if (tracked != null) {
      perUser.computeIfPresent(
          tracked.credential().userId(), (user, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** Connections the user holds on this instance. */
  int held(UUID userId) {
    return perUser.getOrDefault(userId, 0);
  }

  @Scheduled(
      identity = "live-recheck",
      every = "${agentry.results.live.recheck-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void recheck() {
    Instant now = Instant.now();
    Map<LiveCredential.Session, List<Tracked>> bySession = new HashMap<>();
    for (Tracked tracked : open.values()) {
      if (tracked.credential().expired(now)) {
        close(tracked, "the token expired; connect again with a new one");
      } else {
        bySession
            .computeIfAbsent(tracked.credential().session(), s -> new ArrayList<>())
            .add(tracked);
      }
    }
    Map<LiveCredential.Session, CompletableFuture<Optional<String>>> answers = new HashMap<>();
    List<String> unchecked = new ArrayList<>();
    bySession
        .keySet()
        .forEach(
            session ->
                answers.put(
                    session,
                    registry.refusal(session.userId(), session.generation(), session.keyId())));
    answers.forEach(
        (session, answer) -> {
          try {
            answer
                .get(timeoutMillis, TimeUnit.MILLISECONDS)
                .ifPresent(
                    reason ->
                        bySession
                            .get(session)
                            .forEach(
                                tracked ->
                                    close(tracked, "credentials no longer valid: " + reason)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Exception e) {
            unchecked.add(session.userId() + " (" + e.getMessage() + ")");
          }
        });
    if (!unchecked.isEmpty()) {
      // One line per round, however many credentials: an outage must not flood the log.
      LOG.warnf(
          "Could not check %d credentials of live streams at the registry; their streams stay"
              + " open until a later check. First: user %s",
          unchecked.size(), unchecked.get(0));
    }
  }

  private void close(Tracked tracked, String reason) {
    release(tracked.connection());
    tracked
        .connection()
        .close(new CloseReason(LiveOutbox.POLICY_VIOLATION, shorten(reason)))
        .subscribe()
        .with(done -> {}, failure -> {});
  }

  private static String shorten(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    return new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.US_ASCII) + "...";
  }
}
