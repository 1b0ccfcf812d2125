package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class LiveEventsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Events events;

  @TestHTTPResource("/")
  URI root;

  @Inject LiveBroadcaster broadcaster;

  @BeforeAll
  static void openProducer() {
    events = new Events();
  }

  @AfterAll
  static void closeProducer() {
    events.close();
  }

  /**
   * The live consumer starts at the latest offset once it has its partitions: until then events
   * pass it by. Probe until one arrives.
   */
  @BeforeEach
  void awaitLiveConsumer() throws Exception {
    TestUser probe = TestUser.create();
    try (LiveClient client = LiveClient.connect(userStream(), probe.token())) {
      awaitSubscribed(probe, 1);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                events.publish(
                    TaskEvent.queued(Events.task(probe.id(), UUID.randomUUID()), Instant.now()));
                return client.poll(Duration.ofMillis(300)) != null;
              });
    }
  }

  @Test
  void aClientThatConnectsBeforeTheStartSeesEachChangeOnceThenANormalClose() throws Exception {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (LiveClient client = LiveClient.connect(taskStream(task.taskId()), user.token())) {
      awaitSubscribed(user, 1);
      events.publish(TaskEvent.queued(task, at));
      events.publish(TaskEvent.running(task, 1, "executor-a", at.plusMillis(1)));
      events.publish(TaskEvent.running(task, 1, "executor-a", at.plusMillis(1)));
      events.publish(TaskEvent.queued(task, at));
      events.publish(
          TaskEvent.finished(
              task, TaskStatus.FAILED, 1, "executor-a", at.plusMillis(5), Events.failure(3, 4)));

      JsonPath queued = client.next(WAIT);
      assertEquals("QUEUED", queued.getString("status"));
      assertEquals(task.taskId().toString(), queued.getString("taskId"));
      assertEquals(task.agentId().toString(), queued.getString("agentId"));
      assertEquals(at, Instant.parse(queued.getString("at")));
      assertEquals(0, queued.getInt("attempt"));
      assertNull(queued.get("message"));
      JsonPath running = client.next(WAIT);
      assertEquals("RUNNING", running.getString("status"));
      assertEquals(1, running.getInt("attempt"));
      JsonPath failed = client.next(WAIT);
      assertEquals("FAILED", failed.getString("status"));
      assertEquals("the module exited with code 3", failed.getString("message"));
      assertEquals(new LiveClient.Close(1000, "task ended"), client.awaitClose(WAIT));
      assertNull(client.poll(), "nothing after the terminal event");
    }
  }

  @Test
  void aClientThatConnectsAfterTheEndGetsTheFinalStatusThenANormalClose() throws Exception {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    events.run(task, at, TaskStatus.SUCCEEDED, Events.success("done", 2));
    TaskQueryTest.awaitStatus(user, task.taskId(), "SUCCEEDED");

    URI uri = URI.create(taskStream(task.taskId()) + "?access_token=" + user.token());
    try (LiveClient client = LiveClient.connect(uri, null)) {
      JsonPath first = client.next(WAIT);
      assertEquals("SUCCEEDED", first.getString("status"));
      assertEquals(at.plusMillis(2), Instant.parse(first.getString("at")));
      assertEquals(1, first.getInt("attempt"));
      assertNull(first.get("message"));
      assertEquals(1000, client.awaitClose(WAIT).code());
      assertNull(client.poll());
    }
  }

  @Test
  void aClientThatConnectsMidwayGetsTheCurrentStatusFirst() throws Exception {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    events.publish(TaskEvent.queued(task, at));
    events.publish(TaskEvent.running(task, 1, "executor-a", at.plusMillis(1)));
    TaskQueryTest.awaitStatus(user, task.taskId(), "RUNNING");

    try (LiveClient client = LiveClient.connect(taskStream(task.taskId()), user.token())) {
      assertEquals("RUNNING", client.next(WAIT).getString("status"));
      events.publish(
          TaskEvent.finished(
              task, TaskStatus.CANCELLED, 1, null, at.plusMillis(9), Events.timeout(8)));
      assertEquals("CANCELLED", client.next(WAIT).getString("status"));
      assertEquals(1000, client.awaitClose(WAIT).code());
    }
  }

  @Test
  void aUserStreamCarriesOnlyThatUsersEvents() throws Exception {
    TestUser alice = TestUser.create();
    TestUser bob = TestUser.create();
    try (LiveClient aliceClient = LiveClient.connect(userStream(), alice.token());
        LiveClient bobClient = LiveClient.connect(userStream(), bob.token())) {
      awaitSubscribed(alice, 1);
      awaitSubscribed(bob, 1);
      TaskMessage aliceTask = Events.task(alice.id(), UUID.randomUUID());
      Instant at = Instant.now();
      events.run(aliceTask, at, TaskStatus.SUCCEEDED, Events.success("", 1));
      for (String status : new String[] {"QUEUED", "RUNNING", "SUCCEEDED"}) {
        JsonPath message = aliceClient.next(WAIT);
        assertEquals(aliceTask.taskId().toString(), message.getString("taskId"));
        assertEquals(status, message.getString("status"));
      }
      // Alice's events have been fanned out; anything of hers sent to Bob would come first.
      TaskMessage bobTask = Events.task(bob.id(), UUID.randomUUID());
      events.publish(TaskEvent.queued(bobTask, at));
      assertEquals(bobTask.taskId().toString(), bobClient.next(WAIT).getString("taskId"));
      assertNull(bobClient.poll());
      assertFalse(aliceClient.isClosed(), "a user stream stays open after a task ends");
    }
  }

  @Test
  void aTaskStreamOfAnotherUsersTaskStaysSilent() throws Exception {
    TestUser owner = TestUser.create();
    TestUser stranger = TestUser.create();
    TaskMessage task = Events.task(owner.id(), UUID.randomUUID());
    try (LiveClient spy = LiveClient.connect(taskStream(task.taskId()), stranger.token());
        LiveClient ownerClient = LiveClient.connect(userStream(), owner.token())) {
      awaitSubscribed(stranger, 1);
      awaitSubscribed(owner, 1);
      events.run(task, Instant.now(), TaskStatus.SUCCEEDED, Events.success("secret", 1));
      for (int i = 0; i < 3; i++) {
        ownerClient.next(WAIT);
      }
      TaskQueryTest.awaitStatus(owner, task.taskId(), "SUCCEEDED");
      assertNull(spy.poll(), "the stranger received the owner's event");
      assertFalse(spy.isClosed());
    }
  }

  /** Waits until the server has subscribed the user's connections (their @OnOpen has run). */
  private void awaitSubscribed(TestUser user, int connections) {
    await().atMost(WAIT).until(() -> broadcaster.connections(user.id()) == connections);
  }

  private URI taskStream(UUID taskId) {
    return URI.create(ws() + "tasks/" + taskId + "/events");
  }

  private URI userStream() {
    return URI.create(ws() + "events");
  }

  private String ws() {
    return root.toString().replaceFirst("^http", "ws");
  }
}
