package io.agentry.gateway;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lets concurrent callers that need the same missing value share one lookup instead of each making
 * their own, so an expired cache entry under load costs one call to the service, not hundreds.
 */
public final class SingleFlight<K, V> {

  private final Map<K, Uni<V>> inFlight = new ConcurrentHashMap<>();

  /**
   * The result of {@code lookup} for {@code key}, shared with any caller already waiting for it.
   */
  public Uni<V> get(K key, Supplier<Uni<V>> lookup) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Uni<V> shared =
                  inFlight.computeIfAbsent(
                      key,
                      k ->
                          lookup
                              .get()
                              .onTermination()
                              .invoke(() -> inFlight.remove(k))
                              .memoize()
                              .indefinitely());
              return shared;
            });
  }
}
