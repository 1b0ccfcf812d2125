package io.agentry.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentry.gateway.ExpiringCache;
import io.agentry.gateway.SingleFlight;
import io.agentry.gateway.client.IssuedToken;
import io.agentry.gateway.client.RegistryClient;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns the bearer credentials a client sent into a {@link Caller}. A JWT is verified locally; an
 * API key ({@code agy_...}) is exchanged at the registry for a short-lived JWT, remembered for a
 * few seconds (never past the token's expiry). A key revoked through this gateway stops working
 * here at once ({@link #forgetApiKeysOf}); other gateway replicas stop honouring it within that
 * time.
 */
@ApplicationScoped
public class Authenticator {

  /** The prefix of every API key. */
  public static final String API_KEY_PREFIX = "agy_";

  /** How long before its expiry a cached exchanged token is no longer handed out. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  private final TokenVerifier tokens;
  private final RegistryClient registry;
  private final Duration apiKeyTtl;
  private final ExpiringCache<String, Caller> exchanged;

  /** When a user last revoked a key here, kept as long as an exchange could be remembered. */
  private final ExpiringCache<UUID, Instant> revocations;

  /** API keys the registry refused lately: answered 401 without asking it again. */
  private final Cache<String, Boolean> unknownKeys;

  private final SingleFlight<String, Caller> exchanges = new SingleFlight<>();
  private final Clock clock = Clock.systemUTC();

  public Authenticator(TokenVerifier tokens, RegistryClient registry, GatewayConfig config) {
    this.tokens = tokens;
    this.registry = registry;
    this.apiKeyTtl = config.auth().apiKeyCacheTtl();
    this.exchanged = new ExpiringCache<>(config.auth().cacheSize(), clock);
    this.revocations = new ExpiringCache<>(config.auth().cacheSize(), clock);
    this.unknownKeys =
        Caffeine.newBuilder()
            .maximumSize(config.auth().cacheSize())
            .expireAfterWrite(config.auth().unknownKeyTtl())
            .build();
  }

  /**
   * The caller of {@code credentials} (the text after {@code Bearer}); fails with {@code
   * unauthorized} when they are missing or invalid.
   */
  public Uni<Caller> authenticate(String credentials) {
    if (credentials == null || credentials.isBlank()) {
      return Uni.createFrom().failure(missing());
    }
    if (credentials.startsWith(API_KEY_PREFIX)) {
      return apiKey(credentials);
    }
    return tokens.verify(credentials);
  }

  /** The failure for a request without credentials. */
  public static GatewayException missing() {
    return new GatewayException(
        ProblemType.UNAUTHORIZED, "This request needs 'Authorization: Bearer <apiKey or token>'.");
  }

  private Uni<Caller> apiKey(String key) {
    Caller known = exchanged.get(key);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    if (unknownKeys.getIfPresent(key) != null) {
      return Uni.createFrom()
          .failure(
              new GatewayException(
                  ProblemType.UNAUTHORIZED, "The API key is unknown, revoked or malformed."));
    }
    return exchanges.get(
        key,
        () -> {
          Instant asked = clock.instant();
          return registry
              .exchange(key)
              .map(this::caller)
              .invoke(caller -> remember(key, caller, asked))
              .onFailure(Authenticator::isUnauthorized)
              .invoke(() -> unknownKeys.put(key, Boolean.TRUE));
        });
  }

  /** Remembers an exchange, unless one of the user's keys was revoked since it was asked for. */
  private void remember(String key, Caller caller, Instant asked) {
    Instant revoked = revocations.get(caller.userId());
    if (revoked != null && !revoked.isBefore(asked)) {
      return;
    }
    Instant until = clock.instant().plus(apiKeyTtl);
    Instant latest = caller.expiresAt().minus(EXPIRY_MARGIN);
    exchanged.put(key, caller, until.isBefore(latest) ? until : latest);
  }

  /** Forgets every API key of {@code userId} this gateway remembers (one of them is revoked). */
  public void forgetApiKeysOf(UUID userId) {
    Instant now = clock.instant();
    revocations.put(userId, now, now.plus(apiKeyTtl).plus(apiKeyTtl));
    exchanged.removeIf(caller -> caller.userId().equals(userId));
  }

  private static boolean isUnauthorized(Throwable failure) {
    return failure instanceof GatewayException known && known.type() == ProblemType.UNAUTHORIZED;
  }

  /** The caller of a token the registry has just issued to the gateway itself. */
  private Caller caller(IssuedToken issued) {
    String[] parts = issued.token().split("\\.");
    if (parts.length != 3) {
      throw new IllegalStateException("the registry issued a token that is not a JWT");
    }
    JsonObject claims =
        new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    return new Caller(UUID.fromString(claims.getString("sub")), issued.token(), issued.expiresAt());
  }
}
