package io.agentry.sandbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;

/**
 * Prepared modules by binary hash, bounded by what they hold: each weighs {@link
 * PreparedModule#footprintBytes()}, its estimated heap and metaspace (about {@value
 * PreparedModule#FOOTPRINT_PER_BINARY_BYTE} times its binary's size, measured; see
 * docs/performance.md), not its binary's size, which undercounted it about 50 times. A Caffeine
 * cache: concurrent requests for the same hash share one load, so a binary is fetched and compiled
 * once; a load that fails is not kept; hits, misses and evictions are counted.
 */
public final class ModuleCache {

  private static final long KIB = 1024;

  private final Cache<String, PreparedModule> modules;

  /**
   * @param maxBytes the estimated heap and metaspace all kept modules may hold together
   */
  public ModuleCache(long maxBytes) {
    this.modules =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(1, maxBytes / KIB))
            .weigher((String hash, PreparedModule module) -> weightKib(module))
            // Evictions on the calling thread: no background pool, and exact bounds at once.
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /** The module for {@code hash}, loading it with {@code loader} (on this thread) when absent. */
  public PreparedModule get(String hash, Supplier<PreparedModule> loader) {
    return modules.get(hash, key -> loader.get());
  }

  /** How many modules are kept. */
  public long size() {
    modules.cleanUp();
    return modules.estimatedSize();
  }

  /** The estimated heap and metaspace of the modules kept. */
  public long footprintBytes() {
    modules.cleanUp();
    return modules.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L) * KIB;
  }

  /** Requests served by a module that was kept or was being loaded already. */
  public long hits() {
    return modules.stats().hitCount();
  }

  /** Requests that had to load their module. */
  public long misses() {
    return modules.stats().missCount();
  }

  /** Modules dropped to keep the cache within its bound. */
  public long evictions() {
    return modules.stats().evictionCount();
  }

  private static int weightKib(PreparedModule module) {
    return (int) Math.min(Integer.MAX_VALUE, (module.footprintBytes() + KIB - 1) / KIB);
  }
}
