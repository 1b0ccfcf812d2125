package io.agentry.executor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairLineTest {

  private final FairLine<String> line = new FairLine<>();

  @Test
  void eachUsersJobsAreTakenInTheOrderTheyCame() {
    add("a", "a1", "a2", "a3");

    assertEquals(List.of("a1", "a2", "a3"), takeAll());
  }

  @Test
  void usersWithWaitingJobsAreServedRoundRobin() {
    add("a", "a1", "a2", "a3");
    add("b", "b1", "b2");
    add("c", "c1");

    assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3"), takeAll());
  }

  @Test
  void aUserWhoJoinsWhileAnotherFloodsIsServedNext() {
    for (int i = 1; i <= 100; i++) {
      line.add("flooder", 1, "f" + i);
    }
    assertEquals("f1", line.poll());

    line.add("other", 1, "o1");

    assertEquals("o1", line.poll());
    assertEquals("f2", line.poll());
  }

  @Test
  void aUserWhoKeepsJoiningCannotStarveAUserWhoWaits() {
    line.add("a", 1, "a1");
    line.add("a", 1, "a2");
    line.add("a", 1, "a3");
    List<String> taken = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      line.add("newcomer-" + i, 1, "n" + i);
      taken.add(line.poll());
      taken.add(line.poll());
    }

    assertEquals(List.of("a1", "n1", "a2", "n2", "a3", "n3"), taken);
  }

  @Test
  void aUserServedLastWhoseLaneEmptiedJoinsAgainBehindTheOthers() {
    add("a", "a1");
    add("b", "b1", "b2");
    assertEquals("a1", line.poll());

    add("a", "a2");

    assertEquals(List.of("b1", "a2", "b2"), takeAll());
  }

  @Test
  void countsTheJobsTheirWeightAndTheUsersWaiting() {
    line.add("a", 100, "a1");
    line.add("a", 200, "a2");
    line.add("b", 50, "b1");

    assertEquals(3, line.size());
    assertEquals(350, line.weight());
    assertEquals(2, line.users());
    line.poll();
    assertEquals(2, line.size());
    assertEquals(250, line.weight());
    assertEquals(2, line.users(), "a still has a job waiting");
    line.poll();
    line.poll();
    assertTrue(line.isEmpty());
    assertEquals(0, line.weight());
    assertEquals(0, line.users());
    assertNull(line.poll());
  }

  @Test
  void removedJobsAreNeverTakenAndTheRestKeepsItsOrder() {
    line.add("a", 10, "a1@p0");
    line.add("a", 10, "a2@p1");
    line.add("b", 10, "b1@p1");
    line.add("c", 10, "c1@p0");

    List<String> removed = line.removeIf(job -> job.endsWith("@p1"));

    assertEquals(List.of("a2@p1", "b1@p1"), removed.stream().sorted().toList());
    assertEquals(2, line.size());
    assertEquals(20, line.weight());
    assertEquals(2, line.users());
    assertEquals(List.of("a1@p0", "c1@p0"), takeAll());
  }

  @Test
  void removingTheJobsOfTheUserServedLastKeepsTheRotationRight() {
    add("a", "a1", "a2");
    add("b", "b1");
    assertEquals("a1", line.poll());

    line.removeIf(job -> job.startsWith("a"));
    add("a", "a3");

    assertEquals(List.of("b1", "a3"), takeAll());
  }

  @Test
  void clearLeavesNothingWaiting() {
    add("a", "a1", "a2");
    line.poll();

    line.clear();

    assertTrue(line.isEmpty());
    assertEquals(0, line.users());
    assertNull(line.poll());
    add("b", "b1");
    assertEquals(List.of("b1"), takeAll());
  }

  private void add(String user, String... jobs) {
    for (String job : jobs) {
      line.add(user, 1, job);
    }
  }

  private List<String> takeAll() {
    List<String> taken = new ArrayList<>();
    for (String job = line.poll(); job != null; job = line.poll()) {
      taken.add(job);
    }
    return taken;
  }
}
