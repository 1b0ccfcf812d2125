package io.agentry.results.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentry.results.Task;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskStreamTest {

  private final TaskMessage task =
      new TaskMessage(
          UUID.randomUUID(),
          UUID.randomUUID(),
          UUID.randomUUID(),
          null,
          new byte[0],
          List.of(),
          Map.of(),
          1000,
          16,
          Instant.now());
  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeSink sink = new FakeSink();
  private final LiveEncoder encoder =
      new LiveEncoder(
          new ObjectMapper()
              .findAndRegisterModules()
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
  private final TaskStream stream = new TaskStream(task.taskId(), new LiveOutbox(sink, 16), 16);

  @Test
  void eventsBeforeTheRecordedStatusWaitAndOnlyForwardMovesAreSent() {
    offer(TaskEvent.running(task, 1, "a", at.plusMillis(1)));
    offer(TaskEvent.queued(task, at));
    assertEquals(0, sink.sent.size(), "nothing before the recorded status");

    stream.start(Optional.of(encoder.encode(LiveEvent.of(recorded(TaskStatus.QUEUED), null))));
    offer(TaskEvent.running(task, 2, "b", at.plusMillis(2)));
    offer(
        TaskEvent.finished(
            task,
            TaskStatus.SUCCEEDED,
            1,
            "a",
            at.plusMillis(3),
            new TaskResult(0, new byte[0], new byte[0], false, false, 1, null)));
    offer(TaskEvent.queued(task, at));

    assertEquals(
        List.of("QUEUED", "RUNNING", "SUCCEEDED"),
        sink.sent.stream().map(text -> JsonPath.from(text).getString("status")).toList());
    assertEquals(1, JsonPath.from(sink.sent.get(1)).getInt("attempt"), "the first start is kept");
    assertEquals(LiveOutbox.NORMAL_CLOSURE, sink.closeCode);
  }

  @Test
  void anEndedTaskSendsItsStatusAndCloses() {
    stream.start(
        Optional.of(encoder.encode(LiveEvent.of(recorded(TaskStatus.FAILED), "exit code 3"))));

    assertEquals(1, sink.sent.size());
    JsonPath message = JsonPath.from(sink.sent.get(0));
    assertEquals("FAILED", message.getString("status"));
    assertEquals("exit code 3", message.getString("message"));
    assertEquals(at.plusMillis(9), Instant.parse(message.getString("at")));
    assertEquals(LiveOutbox.NORMAL_CLOSURE, sink.closeCode);
  }

  @Test
  void otherTasksEventsAreIgnored() {
    stream.start(Optional.empty());
    TaskMessage other =
        new TaskMessage(
            UUID.randomUUID(),
            task.agentId(),
            task.userId(),
            null,
            new byte[0],
            List.of(),
            Map.of(),
            1000,
            16,
            Instant.now());
    offer(TaskEvent.queued(other, at));

    assertEquals(0, sink.sent.size());
    assertNull(sink.closeCode);
  }

  private void offer(TaskEvent event) {
    stream.offer(encoder.encode(LiveEvent.of(event)));
  }

  private Task recorded(TaskStatus status) {
    return new Task(
        task.taskId(),
        task.agentId(),
        status,
        at,
        status.rank() >= 1 ? at.plusMillis(1) : null,
        status.isTerminal() ? at.plusMillis(9) : null,
        status.rank() >= 1 ? 1 : 0);
  }
}
