package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.results.live.LiveBroadcaster;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two results-service instances (this test's application and the packaged service in a process of
 * its own) each deliver every event to their own clients. Runs in the integration-test phase, after
 * packaging.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class TwoInstancesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestHTTPResource("/")
  URI root;

  @Inject LiveBroadcaster broadcaster;

  @Test
  void eachInstanceDeliversEveryEventToItsOwnClients() throws Exception {
    TestUser alice = TestUser.create();
    TestUser bob = TestUser.create();
    try (Events events = new Events();
        KeySetServer keys = KeySetServer.start();
        ResultsProcess second =
            ResultsProcess.start(
                LocalStackTestResource.endpoints(),
                Map.of("mp.jwt.verify.publickey.location", keys.url()));
        LiveClient aliceOnFirst = LiveClient.connect(first("/events"), alice.token());
        LiveClient aliceOnSecond = LiveClient.connect(second.ws("/events"), alice.token());
        LiveClient bobOnSecond = LiveClient.connect(second.ws("/events"), bob.token())) {
      awaitLive(events, alice, List.of(aliceOnFirst, aliceOnSecond));
      awaitLive(events, bob, List.of(bobOnSecond));

      TaskMessage aliceTask = Events.task(alice.id(), UUID.randomUUID());
      TaskMessage bobTask = Events.task(bob.id(), UUID.randomUUID());
      try (LiveClient bobsTaskOnFirst =
          LiveClient.connect(first("/tasks/" + bobTask.taskId() + "/events"), bob.token())) {
        // Subscribed once its @OnOpen has run; until then events would pass it by.
        await().atMost(WAIT).until(() -> broadcaster.connections(bob.id()) == 1);
        Instant at = Instant.now();
        events.run(aliceTask, at, TaskStatus.SUCCEEDED, Events.success("", 1));
        events.run(bobTask, at, TaskStatus.FAILED, Events.failure(4, 1));

        for (LiveClient client : List.of(aliceOnFirst, aliceOnSecond)) {
          assertStatuses(client, aliceTask, "QUEUED", "RUNNING", "SUCCEEDED");
        }
        assertStatuses(bobOnSecond, bobTask, "QUEUED", "RUNNING", "FAILED");
        assertCurrentThenChanges(bobsTaskOnFirst, bobTask, "QUEUED", "RUNNING", "FAILED");
        assertEquals(1000, bobsTaskOnFirst.awaitClose(WAIT).code());
      }
      assertNull(bobOnSecond.poll(), "bob received someone else's event");
    }
  }

  private URI first(String path) {
    return URI.create(root.toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + path);
  }

  /**
   * A new instance's live consumer reads from the latest offset once it has its partitions: probe
   * with events of the user's own until every client has received one, then drain the probes.
   */
  private static void awaitLive(Events events, TestUser user, List<LiveClient> clients) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              TaskMessage probe = Events.task(user.id(), UUID.randomUUID());
              events.publish(TaskEvent.queued(probe, Instant.now()));
              for (LiveClient client : clients) {
                if (client.poll(Duration.ofMillis(500)) == null) {
                  return false;
                }
              }
              return true;
            });
    // Probes still in flight: wait until a marker event arrives on every client, dropping the rest.
    TaskMessage marker = Events.task(user.id(), UUID.randomUUID());
    events.publish(TaskEvent.queued(marker, Instant.now()));
    for (LiveClient client : clients) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                String text = client.poll(Duration.ofMillis(500));
                return text != null && text.contains(marker.taskId().toString());
              });
    }
  }

  /**
   * A task stream sends the task's current status when it has read it, then each change: when the
   * events were recorded before that read, the stream starts later in the sequence. So the stream
   * sends a tail of {@code statuses}, in order and ending with the last.
   */
  private static void assertCurrentThenChanges(
      LiveClient client, TaskMessage task, String... statuses) throws InterruptedException {
    List<String> expected = List.of(statuses);
    var first = client.next(WAIT);
    assertEquals(task.taskId().toString(), first.getString("taskId"));
    int from = expected.indexOf(first.getString("status"));
    assertNotEquals(-1, from, "not a status of the task: " + first);
    assertStatuses(
        client, task, expected.subList(from + 1, expected.size()).toArray(String[]::new));
  }

  private static void assertStatuses(LiveClient client, TaskMessage task, String... statuses)
      throws InterruptedException {
    for (String status : statuses) {
      var message = client.next(WAIT);
      assertEquals(task.taskId().toString(), message.getString("taskId"));
      assertEquals(status, message.getString("status"));
    }
  }
}
