package io.agentry.sandbox.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Agents cannot pile up name lookups in an executor: the pool and its line are bounded. */
class SystemResolverTest {

  private static final InetAddress[] PUBLIC = {address("93.184.215.14")};

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();

  /** A lookup that hangs until released, as a name server that does not answer. */
  private InetAddress[] hanging(String host) {
    started.incrementAndGet();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return PUBLIC;
  }

  @Test
  void aLookupBeyondThePoolAndItsLineFailsAtOnceAndTheOthersStillAnswer() throws Exception {
    HostResolver.SystemResolver resolver = new HostResolver.SystemResolver(1, 1, this::hanging);
    CompletableFuture<InetAddress[]> running = inBackground(resolver, "slow.example");
    awaitUntil(() -> started.get() == 1);
    CompletableFuture<InetAddress[]> waiting = inBackground(resolver, "next.example");
    awaitUntil(() -> resolver.waiting() == 1);

    UnknownHostException refused =
        assertThrows(UnknownHostException.class, () -> resolver.resolve("third.example"));
    assertEquals(
        "third.example: too many name lookups in progress on this executor; try again later",
        refused.getMessage());

    release.countDown();
    assertArrayEquals(PUBLIC, running.get(5, TimeUnit.SECONDS));
    assertArrayEquals(PUBLIC, waiting.get(5, TimeUnit.SECONDS));
    assertArrayEquals(PUBLIC, resolver.resolve("after.example"));
  }

  @Test
  void aRunInterruptedWhileItsLookupWaitsWithdrawsIt() throws Exception {
    HostResolver.SystemResolver resolver = new HostResolver.SystemResolver(1, 1, this::hanging);
    CompletableFuture<InetAddress[]> running = inBackground(resolver, "slow.example");
    awaitUntil(() -> started.get() == 1);
    CompletableFuture<Throwable> interrupted = new CompletableFuture<>();
    Thread run =
        new Thread(
            () -> {
              try {
                resolver.resolve("stopped.example");
                interrupted.complete(null);
              } catch (Exception e) {
                interrupted.complete(e);
              }
            });
    run.start();
    awaitUntil(() -> resolver.waiting() == 1);

    run.interrupt();

    assertInstanceOf(InterruptedException.class, interrupted.get(5, TimeUnit.SECONDS));
    assertEquals(0, resolver.waiting(), "the withdrawn lookup left the line");
    CompletableFuture<InetAddress[]> next = inBackground(resolver, "next.example");
    awaitUntil(() -> resolver.waiting() == 1);
    release.countDown();
    assertArrayEquals(PUBLIC, running.get(5, TimeUnit.SECONDS));
    assertArrayEquals(PUBLIC, next.get(5, TimeUnit.SECONDS));
    assertEquals(2, started.get(), "the withdrawn lookup never ran");
  }

  private static CompletableFuture<InetAddress[]> inBackground(HostResolver resolver, String host) {
    CompletableFuture<InetAddress[]> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(resolver.resolve(host));
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
