package io.agentry.wire;

import static io.agentry.wire.TaskStatus.CANCELLED;
import static io.agentry.wire.TaskStatus.FAILED;
import static io.agentry.wire.TaskStatus.QUEUED;
import static io.agentry.wire.TaskStatus.REJECTED;
import static io.agentry.wire.TaskStatus.RUNNING;
import static io.agentry.wire.TaskStatus.SUCCEEDED;
import static io.agentry.wire.TaskStatus.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskStatusTest {

  @Test
  void advancesOnlyAlongQueuedRunningTerminal() {
    // Expected moves written out by hand, so the test does not reuse rank().
    Set<List<TaskStatus>> allowed =
        Set.of(
            List.of(QUEUED, RUNNING),
            List.of(QUEUED, SUCCEEDED),
            List.of(QUEUED, FAILED),
            List.of(QUEUED, TIMED_OUT),
            List.of(QUEUED, CANCELLED),
            List.of(QUEUED, REJECTED),
            List.of(RUNNING, SUCCEEDED),
            List.of(RUNNING, FAILED),
            List.of(RUNNING, TIMED_OUT),
            List.of(RUNNING, CANCELLED),
            List.of(RUNNING, REJECTED));
    for (TaskStatus from : TaskStatus.values()) {
      for (TaskStatus to : TaskStatus.values()) {
        assertEquals(
            allowed.contains(List.of(from, to)), from.canAdvanceTo(to), from + " -> " + to);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TaskStatus.class,
      names = {"SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "REJECTED"})
  void terminalStatusNeverAdvances(TaskStatus terminal) {
    assertTrue(terminal.isTerminal());
    for (TaskStatus next : TaskStatus.values()) {
      assertFalse(terminal.canAdvanceTo(next), terminal + " -> " + next);
    }
  }

  @ParameterizedTest
  @EnumSource(TaskStatus.class)
  void duplicateStatusDoesNotAdvance(TaskStatus status) {
    assertFalse(status.canAdvanceTo(status));
  }

  @Test
  void lateRunningAfterTerminalDoesNotAdvance() {
    assertFalse(SUCCEEDED.canAdvanceTo(RUNNING));
    assertFalse(CANCELLED.canAdvanceTo(QUEUED));
  }

  @Test
  void completedMeansRanToAnEnd() {
    assertEquals(EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT), statusesWhere(TaskStatus::isCompleted));
  }

  @Test
  void terminalStatusesAreTheFiveEndings() {
    assertEquals(
        EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, REJECTED),
        statusesWhere(TaskStatus::isTerminal));
  }

  @Test
  void rankOrdersQueuedBeforeRunningBeforeTerminal() {
    assertEquals(0, QUEUED.rank());
    assertEquals(1, RUNNING.rank());
    for (TaskStatus terminal : statusesWhere(TaskStatus::isTerminal)) {
      assertEquals(2, terminal.rank(), terminal.name());
    }
  }

  private static Set<TaskStatus> statusesWhere(java.util.function.Predicate<TaskStatus> test) {
    return Arrays.stream(TaskStatus.values())
        .filter(test)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskStatus.class)));
  }
}
