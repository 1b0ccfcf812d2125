package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ModuleCacheTest {

  private static final PreparedModule MODULE =
      PreparedModule.prepare(TestAgents.wasm(TestAgents.UNREACHABLE));
  private static final long FOOTPRINT = MODULE.footprintBytes();

  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void aHashIsLoadedOnceAndThenServedFromTheCache() {
    ModuleCache cache = new ModuleCache(1 << 30);

    PreparedModule first = cache.get("a", counting());
    PreparedModule second = cache.get("a", counting());

    assertSame(first, second);
    assertEquals(1, loads.get());
  }

  @Test
  void aFailedLoadIsNotKept() {
    ModuleCache cache = new ModuleCache(1 << 30);

    assertThrows(
        IllegalStateException.class,
        () ->
            cache.get(
                "a",
                () -> {
                  throw new IllegalStateException("store down");
                }));
    cache.get("a", counting());

    assertEquals(1, loads.get());
    assertEquals(1, cache.size());
  }

  @Test
  void aModuleWeighsItsFootprintNotItsBinary() {
    assertEquals(MODULE.sizeBytes() * PreparedModule.FOOTPRINT_PER_BINARY_BYTE, FOOTPRINT);
  }

  @Test
  void modulesAreDroppedWhenTheirFootprintsExceedTheBound() {
    ModuleCache cache = new ModuleCache(2 * FOOTPRINT + 2048);
    cache.get("a", counting());
    cache.get("b", counting());

    cache.get("c", counting());
    cache.get("d", counting());

    assertTrue(cache.size() <= 2, "kept " + cache.size());
    assertTrue(cache.footprintBytes() <= 2 * FOOTPRINT + 2048, "" + cache.footprintBytes());
    assertEquals(4, loads.get());
  }

  @Test
  void aModuleLargerThanTheBoundIsServedButNotKept() {
    ModuleCache cache = new ModuleCache(FOOTPRINT / 2);

    cache.get("a", counting());
    cache.get("a", counting());

    assertEquals(2, loads.get());
    assertEquals(0, cache.size());
  }

  @Test
  void concurrentRequestsForOneHashShareOneLoad() throws Exception {
    ModuleCache cache = new ModuleCache(1 << 30);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<PreparedModule> slow =
        () -> {
          loads.incrementAndGet();
          loading.countDown();
          await(release);
          return MODULE;
        };
    CompletableFuture<PreparedModule> first = new CompletableFuture<>();
    CompletableFuture<PreparedModule> second = new CompletableFuture<>();
    Thread loader = new Thread(() -> first.complete(cache.get("a", slow)));
    Thread waiter = new Thread(() -> second.complete(cache.get("a", slow)));

    loader.start();
    assertTrue(loading.await(10, TimeUnit.SECONDS));
    waiter.start();
    awaitParkedWithoutTimeout(waiter);
    release.countDown();

    assertSame(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
    assertEquals(1, loads.get());
  }

  @Test
  void hitsMissesAndEvictionsAreCounted() {
    ModuleCache cache = new ModuleCache(FOOTPRINT + 1024);
    cache.get("a", counting());
    cache.get("a", counting());
    cache.get("a", counting());

    cache.get("b", counting());

    assertEquals(2, cache.hits());
    assertEquals(2, cache.misses());
    assertEquals(1, cache.evictions(), "one of a and b made room for the other");
  }

  /** Bounded polling: the waiter parks in the shared load (a loader of its own would time-wait). */
  private static void awaitParkedWithoutTimeout(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.BLOCKED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the second request did not wait for the first load");
      }
      Thread.sleep(1);
    }
  }

  private Supplier<PreparedModule> counting() {
    return () -> {
      loads.incrementAndGet();
      return MODULE;
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
