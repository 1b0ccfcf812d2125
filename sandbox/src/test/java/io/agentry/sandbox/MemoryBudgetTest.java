package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

  @Test
  void runsTakeTheirMemoryAndGiveItBack() throws InterruptedException {
    MemoryBudget budget = new MemoryBudget(100);
    budget.take(60);
    budget.take(40);
    assertEquals(0, budget.freeMb());
    budget.give(60);
    assertEquals(60, budget.freeMb());
    budget.give(40);
    assertEquals(100, budget.freeMb());
  }

  @Test
  void moreThanTheWholeBudgetIsRefused() {
    MemoryBudget budget = new MemoryBudget(64);
    assertThrows(IllegalArgumentException.class, () -> budget.take(65));
    assertEquals(64, budget.freeMb());
  }

  @Test
  void aRunThatDoesNotFitWaitsAndIsNotOvertakenBySmallerOnes() throws Exception {
    MemoryBudget budget = new MemoryBudget(10);
    budget.take(8);
    List<String> order = new CopyOnWriteArrayList<>();
    Thread large = taker(budget, 6, "large", order);
    large.start();
    awaitWaiting(large);
    Thread small = taker(budget, 2, "small", order);
    small.start();
    awaitWaiting(small);
    // Two MiB are free, enough for the small run, but the large one came first.
    assertTrue(order.isEmpty(), "taken: " + order);

    budget.give(4);
    large.join(10_000);
    assertEquals(List.of("large"), order);
    // Nothing is free, so the small run still waits.
    assertEquals(0, budget.freeMb());
    assertTrue(small.isAlive());
    budget.give(2);
    small.join(10_000);

    assertEquals(List.of("large", "small"), order);
    assertEquals(0, budget.freeMb());
  }

  @Test
  void aRunInterruptedWhileItWaitsTakesNothingAndLetsTheNextOneIn() throws Exception {
    MemoryBudget budget = new MemoryBudget(10);
    budget.take(10);
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread waiting =
        new Thread(
            () -> {
              try {
                budget.take(10);
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
            });
    waiting.start();
    awaitWaiting(waiting);
    List<String> order = new CopyOnWriteArrayList<>();
    Thread next = taker(budget, 4, "next", order);
    next.start();
    awaitWaiting(next);

    waiting.interrupt();
    waiting.join(10_000);
    assertTrue(interrupted.get());
    budget.give(10);
    next.join(10_000);

    assertEquals(List.of("next"), order);
    assertEquals(6, budget.freeMb());
  }

  @Test
  void anUnlimitedBudgetNeverMakesARunWait() throws InterruptedException {
    MemoryBudget budget = MemoryBudget.unlimited();
    budget.take(512);
    budget.take(512);
    budget.give(512);
    budget.give(512);
    assertEquals(Integer.MAX_VALUE, budget.freeMb());
  }

  @Test
  void aHeapBudgetIsItsShareOfTheHeap() {
    long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    assertEquals(heapMb / 2, MemoryBudget.ofHeap(0.5).totalMb(), 1);
    assertThrows(IllegalArgumentException.class, () -> MemoryBudget.ofHeap(0));
    assertThrows(IllegalArgumentException.class, () -> MemoryBudget.ofHeap(1.5));
  }

  private static Thread taker(MemoryBudget budget, int mb, String name, List<String> order) {
    return new Thread(
        () -> {
          try {
            budget.take(mb);
            order.add(name);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        name);
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (thread.getState() != Thread.State.WAITING) {
      assertFalse(System.nanoTime() > deadline, thread.getName() + " never waited");
      Thread.sleep(5);
    }
  }
}
