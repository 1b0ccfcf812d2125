package io.agentry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageConstructionTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:01Z");

  @Test
  void invalidTaskCannotBeBuiltInJava() {
    TaskMessage valid = Samples.minimalTask();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TaskMessage(
                    valid.taskId(),
                    valid.agentId(),
                    valid.userId(),
                    null,
                    valid.input(),
                    valid.args(),
                    valid.env(),
                    0,
                    valid.maxMemoryMb(),
                    valid.submittedAt()));
    assertEquals("field 'timeoutMs' must be an integer from 1 to 300000, was 0", e.getMessage());
  }

  @Test
  void anEventDatedOutsideTheStorableYearsCannotBeBuilt() {
    TaskMessage task = Samples.minimalTask();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TaskEvent.queued(task, Instant.parse("+300000-01-01T00:00:00Z")));
    assertEquals(
        "field 'at' must be a timestamp from 1970-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999999Z, was +300000-01-01T00:00:00Z",
        e.getMessage());
  }

  @Test
  void taskOfAnotherSpecVersionCannotBeBuilt() {
    TaskMessage v = Samples.minimalTask();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TaskMessage(
                    2,
                    v.taskId(),
                    v.agentId(),
                    v.userId(),
                    null,
                    v.input(),
                    v.args(),
                    v.env(),
                    v.timeoutMs(),
                    v.maxMemoryMb(),
                    v.submittedAt()));
    assertEquals("unsupported specVersion 2 (this version reads 1)", e.getMessage());
  }

  @Test
  void argsAndEnvAreCopiedSoLaterChangesDoNotLeakIn() {
    List<String> args = new ArrayList<>(List.of("a"));
    Map<String, String> env = new HashMap<>(Map.of("K", "v"));
    TaskMessage v = Samples.minimalTask();
    TaskMessage task =
        new TaskMessage(
            v.taskId(), v.agentId(), v.userId(), null, v.input(), args, env, 1, 1, v.submittedAt());
    args.add("b");
    env.put("K2", "v2");
    assertEquals(List.of("a"), task.args());
    assertEquals(Map.of("K", "v"), task.env());
    assertThrows(UnsupportedOperationException.class, () -> task.env().put("X", "y"));
  }

  @Test
  void tasksWithEqualBytesInDistinctArraysAreEqual() {
    TaskMessage a = Samples.fullTask();
    TaskMessage b = Samples.fullTask();
    assertNotSame(a.input(), b.input());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void tasksWithDifferentInputAreNotEqual() {
    TaskMessage a = Samples.fullTask();
    TaskMessage v = Samples.fullTask();
    byte[] other = v.input().clone();
    other[255] = 0;
    TaskMessage b =
        new TaskMessage(
            v.taskId(),
            v.agentId(),
            v.userId(),
            v.binaryHash(),
            other,
            v.args(),
            v.env(),
            v.timeoutMs(),
            v.maxMemoryMb(),
            v.submittedAt());
    assertFalse(a.equals(b));
  }

  @Test
  void taskToStringShowsNoInputOrEnvValues() {
    String text = Samples.fullTask().toString();
    assertTrue(text.contains("input=256 bytes"), text);
    assertTrue(text.contains("GRÜSSE"), text);
    assertFalse(text.contains("héllo"), text);
  }

  @Test
  void resultsWithEqualOutputInDistinctArraysAreEqual() {
    assertEquals(Samples.fullResult(TaskStatus.FAILED), Samples.fullResult(TaskStatus.FAILED));
    assertEquals(
        Samples.fullResult(TaskStatus.FAILED).hashCode(),
        Samples.fullResult(TaskStatus.FAILED).hashCode());
  }

  @Test
  void queuedFactoryCarriesTheTaskIdsAndAttemptZero() {
    TaskEvent event = TaskEvent.queued(Samples.fullTask(), NOW);
    assertEquals(Samples.TASK_ID, event.taskId());
    assertEquals(Samples.USER_ID, event.userId());
    assertEquals(TaskStatus.QUEUED, event.status());
    assertEquals(0, event.attempt());
    assertNull(event.result());
  }

  @Test
  void runningFactoryCarriesAttemptAndExecutor() {
    TaskEvent event = TaskEvent.running(Samples.fullTask(), 2, "executor-1", NOW);
    assertEquals(TaskStatus.RUNNING, event.status());
    assertEquals(2, event.attempt());
    assertEquals("executor-1", event.executorId());
  }

  @Test
  void finishedFactoryCarriesTheResult() {
    TaskResult result = Samples.fullResult(TaskStatus.SUCCEEDED);
    TaskEvent event =
        TaskEvent.finished(Samples.fullTask(), TaskStatus.SUCCEEDED, 1, "executor-1", NOW, result);
    assertEquals(result, event.result());
    assertEquals(Samples.AGENT_ID, event.agentId());
  }

  @Test
  void rejectedFactoryBuildsAResultWithoutOutput() {
    TaskEvent event = TaskEvent.rejected(Samples.TASK_ID, null, null, null, NOW, "bad record");
    assertEquals(TaskStatus.REJECTED, event.status());
    assertNull(event.result().exitCode());
    assertEquals(0, event.result().stdout().length);
    assertEquals("bad record", event.result().error());
  }

  @Test
  void nonRejectedEventNeedsAgentId() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TaskEvent(
                    Samples.TASK_ID, null, Samples.USER_ID, TaskStatus.QUEUED, NOW, 0, null, null));
    assertEquals("missing field 'agentId'", e.getMessage());
  }

  @Test
  void runningEventWithAResultCannotBeBuilt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TaskEvent.finished(
                    Samples.fullTask(),
                    TaskStatus.RUNNING,
                    1,
                    null,
                    NOW,
                    Samples.fullResult(TaskStatus.SUCCEEDED)));
    assertEquals("field 'result' must be absent on a RUNNING event", e.getMessage());
  }

  @Test
  void resultOverTheOutputCapCannotBeBuilt() {
    byte[] big = new byte[TaskLimits.MAX_OUTPUT_CAP_BYTES + 1];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TaskResult(0, big, new byte[0], false, false, 1, null));
    assertEquals(
        "field 'result.stdout' must be at most 5242880 bytes, was 5242881", e.getMessage());
  }
}
