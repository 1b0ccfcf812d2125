package io.agentry.executor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.sandbox.RunControl;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TaskLedgerTest {

  private static final UUID USER = UUID.randomUUID();
  private static final UUID SOMEONE_ELSE = UUID.randomUUID();

  private final AtomicLong clock = new AtomicLong();
  private final TaskLedger ledger = new TaskLedger(100, 100, Duration.ofMinutes(10), clock::get);
  private final TaskMessage task = task();

  @Test
  void aNewTaskIsAdmittedToRun() {
    TaskLedger.Admission admission = ledger.admit(task);

    assertEquals(TaskLedger.Decision.RUN, admission.decision());
    assertEquals(1, ledger.runningCount());
  }

  @Test
  void aCopyOfATaskRunningHereIsADuplicate() {
    ledger.admit(task);

    assertEquals(TaskLedger.Decision.DUPLICATE, ledger.admit(task).decision());
  }

  @Test
  void aCopyOfATaskFinishedHereIsADuplicate() {
    ledger.admit(task);
    ledger.finished(task.taskId(), TaskStatus.SUCCEEDED);

    assertEquals(TaskLedger.Decision.DUPLICATE, ledger.admit(task).decision());
    assertEquals(0, ledger.runningCount());
  }

  @Test
  void aTaskReleasedWithoutATerminalEventMayRunAgain() {
    ledger.admit(task);
    ledger.released(task.taskId());

    assertEquals(TaskLedger.Decision.RUN, ledger.admit(task).decision());
  }

  @Test
  void aTaskCancelledBeforeItArrivesIsAdmittedAsCancelled() {
    ledger.cancel(TaskControl.cancel(task.taskId(), USER, Instant.now()));

    assertEquals(TaskLedger.Decision.CANCELLED, ledger.admit(task).decision());
  }

  @Test
  void aCancellationIsForgottenAfterItsTimeToLive() {
    ledger.cancel(TaskControl.cancel(task.taskId(), USER, Instant.now()));
    clock.addAndGet(Duration.ofMinutes(11).toNanos());

    assertEquals(TaskLedger.Decision.RUN, ledger.admit(task).decision());
  }

  @Test
  void aCancellationByAnotherUserIsIgnored() {
    ledger.cancel(TaskControl.cancel(task.taskId(), SOMEONE_ELSE, Instant.now()));

    assertEquals(TaskLedger.Decision.RUN, ledger.admit(task).decision());
  }

  @Test
  void aCancellationStopsTheRunOfThatTask() {
    RunControl control = ledger.admit(task).control();

    ledger.cancel(TaskControl.cancel(task.taskId(), USER, Instant.now()));

    assertEquals(RunControl.Reason.CANCELLED, control.reason());
  }

  @Test
  void aCancellationByAnotherUserDoesNotStopTheRun() {
    RunControl control = ledger.admit(task).control();

    ledger.cancel(TaskControl.cancel(task.taskId(), SOMEONE_ELSE, Instant.now()));

    assertNull(control.reason());
  }

  @Test
  void stopAllStopsEveryRunForShutdown() {
    RunControl first = ledger.admit(task).control();
    RunControl second = ledger.admit(task()).control();

    int stopped = ledger.stopAll();

    assertEquals(2, stopped);
    assertEquals(RunControl.Reason.SHUTDOWN, first.reason());
    assertEquals(RunControl.Reason.SHUTDOWN, second.reason());
  }

  @Test
  void onlyTheMostRecentlyFinishedTasksAreRemembered() {
    TaskLedger small = new TaskLedger(1, 100, Duration.ofMinutes(10), clock::get);
    TaskMessage other = task();
    small.admit(task);
    small.finished(task.taskId(), TaskStatus.SUCCEEDED);
    small.admit(other);
    small.finished(other.taskId(), TaskStatus.SUCCEEDED);

    assertEquals(TaskLedger.Decision.RUN, small.admit(task).decision());
  }

  @Test
  void aFirstStartIsAttemptOne() {
    ledger.admit(task);

    TaskLedger.Start start = ledger.started(task.taskId(), Instant.parse("2030-01-01T00:00:00Z"));

    assertEquals(new TaskLedger.Start(1, Instant.parse("2030-01-01T00:00:00Z")), start);
  }

  @Test
  void aTaskStartedHereBeforeWithoutFinishingStartsAsTheNextAttempt() {
    ledger.admit(task);
    ledger.started(task.taskId(), Instant.now());
    ledger.released(task.taskId());

    assertEquals(TaskLedger.Decision.RUN, ledger.admit(task).decision());
    assertEquals(2, ledger.started(task.taskId(), Instant.now()).attempt());
  }

  @Test
  void eachStartOfATaskHasItsOwnTimeEvenWhenTheClockDidNotMove() {
    Instant now = Instant.parse("2030-01-01T00:00:00.123456789Z");
    ledger.admit(task);
    TaskLedger.Start first = ledger.started(task.taskId(), now);
    ledger.released(task.taskId());
    ledger.admit(task);

    TaskLedger.Start second = ledger.started(task.taskId(), now);

    assertEquals(Instant.parse("2030-01-01T00:00:00.123456Z"), first.at());
    assertEquals(Instant.parse("2030-01-01T00:00:00.123457Z"), second.at());
  }

  @Test
  void anotherTaskStartsAtAttemptOneWhateverHappenedBefore() {
    ledger.admit(task);
    ledger.started(task.taskId(), Instant.now());
    ledger.released(task.taskId());
    TaskMessage other = task();
    ledger.admit(other);

    assertEquals(1, ledger.started(other.taskId(), Instant.now()).attempt());
  }

  private static TaskMessage task() {
    return new TaskMessage(
        UUID.randomUUID(),
        UUID.randomUUID(),
        USER,
        null,
        new byte[0],
        List.of(),
        Map.of(),
        1000,
        16,
        Instant.now());
  }
}
