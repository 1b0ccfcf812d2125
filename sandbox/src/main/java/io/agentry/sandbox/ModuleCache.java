package io.agentry.sandbox;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Prepared modules by binary hash, least recently used first out, bounded by a number of modules
 * and by the total size of their binaries. Concurrent requests for the same hash share one load, so
 * a binary is fetched and compiled once; a load that fails is not kept. Counts its hits, misses and
 * evictions.
 */
public final class ModuleCache {

  private final int maxModules;
  private final long maxBinaryBytes;
  private final LinkedHashMap<String, CompletableFuture<PreparedModule>> entries =
      new LinkedHashMap<>(16, 0.75f, true);
  private long binaryBytes;
  private long hits;
  private long misses;
  private long evictions;

  public ModuleCache(int maxModules, long maxBinaryBytes) {
    this.maxModules = maxModules;
    this.maxBinaryBytes = maxBinaryBytes;
  }

  /** The module for {@code hash}, loading it with {@code loader} (on this thread) when absent. */
  public PreparedModule get(String hash, Supplier<PreparedModule> loader) {
    CompletableFuture<PreparedModule> entry;
    boolean mine = false;
    synchronized (this) {
      entry = entries.get(hash);
      if (entry == null) {
        entry = new CompletableFuture<>();
        entries.put(hash, entry);
        mine = true;
        misses++;
      } else {
        hits++;
      }
    }
    if (mine) {
      return load(hash, entry, loader);
    }
    try {
      return entry.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** How many modules are kept, including loads in progress. */
  public synchronized int size() {
    return entries.size();
  }

  /** Requests served by a module that was kept or was being loaded already. */
  public synchronized long hits() {
    return hits;
  }

  /** Requests that had to load their module. */
  public synchronized long misses() {
    return misses;
  }

  /** Modules dropped to keep the cache within its bounds. */
  public synchronized long evictions() {
    return evictions;
  }

  /** The total size of the binaries of the modules kept. */
  public synchronized long binaryBytes() {
    return binaryBytes;
  }

  private PreparedModule load(
      String hash, CompletableFuture<PreparedModule> entry, Supplier<PreparedModule> loader) {
    PreparedModule module;
    try {
      module = loader.get();
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        entries.remove(hash, entry);
      }
      entry.completeExceptionally(e);
      throw e;
    }
    synchronized (this) {
      entry.complete(module);
      if (module.sizeBytes() > maxBinaryBytes) {
        // Too large to keep: keeping it would push every other module out.
        entries.remove(hash, entry);
      } else {
        binaryBytes += module.sizeBytes();
        evict();
      }
    }
    return module;
  }

  /** Drops the least recently used loaded modules until both bounds hold. */
  private void evict() {
    Iterator<Map.Entry<String, CompletableFuture<PreparedModule>>> oldestFirst =
        entries.entrySet().iterator();
    while ((entries.size() > maxModules || binaryBytes > maxBinaryBytes) && oldestFirst.hasNext()) {
      CompletableFuture<PreparedModule> candidate = oldestFirst.next().getValue();
      if (candidate.isDone()) {
        binaryBytes -= candidate.join().sizeBytes();
        oldestFirst.remove();
        evictions++;
      }
    }
  }
}
