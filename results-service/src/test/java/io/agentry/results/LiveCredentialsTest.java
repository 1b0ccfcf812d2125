package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.results.live.LiveBroadcaster;
import io.agentry.wire.TaskEvent;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Live streams after connect time: a stream whose login token expires is closed with 1008 within
 * the re-check interval (1 s in tests), and a user's connections past the limit (3 in tests) are
 * closed with 1008 while other users' streams go on.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class LiveCredentialsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestHTTPResource("/")
  URI root;

  @Inject LiveBroadcaster broadcaster;

  @Test
  void aStreamClosesWith1008SoonAfterItsLoginTokenExpires() throws Exception {
    UUID user = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    try (LiveClient expiring =
            LiveClient.connect(events(), Tokens.expiringIn(user, Duration.ofSeconds(2)));
        LiveClient lasting = LiveClient.connect(events(), Tokens.forUser(other))) {
      Instant opened = Instant.now();
      LiveClient.Close close = expiring.awaitClose(Duration.ofSeconds(8));
      assertEquals(1008, close.code());
      assertTrue(close.reason().contains("token expired"), close.reason());
      Duration open = Duration.between(opened, Instant.now());
      assertTrue(open.compareTo(Duration.ofSeconds(5)) < 0, "closed after " + open);
      Thread.sleep(1500);
      assertFalse(lasting.isClosed(), "another user's stream was closed");
    }
  }

  @Test
  void aUsersConnectionPastTheLimitIsClosedAndOtherUsersAreNotAffected() throws Exception {
    TestUser greedy = TestUser.create();
    TestUser other = TestUser.create();
    List<LiveClient> held = new ArrayList<>();
    try (Events events = new Events()) {
      for (int i = 0; i < 3; i++) {
        held.add(
            i % 2 == 0
                ? LiveClient.connect(events(), greedy.token())
                : LiveClient.connect(task(UUID.randomUUID()), greedy.token()));
      }
      await().atMost(WAIT).until(() -> broadcaster.connections(greedy.id()) == 3);

      try (LiveClient refused = LiveClient.connect(events(), greedy.token())) {
        LiveClient.Close close = refused.awaitClose(Duration.ofSeconds(5));
        assertEquals(1008, close.code());
        assertTrue(close.reason().contains("too many live connections"), close.reason());
      }
      try (LiveClient otherStream = LiveClient.connect(events(), other.token())) {
        await().atMost(WAIT).until(() -> broadcaster.connections(other.id()) == 1);
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  events.publish(
                      TaskEvent.queued(Events.task(other.id(), UUID.randomUUID()), Instant.now()));
                  return otherStream.poll(Duration.ofMillis(300)) != null;
                });
        assertFalse(otherStream.isClosed());
      }
      for (LiveClient client : held) {
        assertFalse(client.isClosed(), "a connection within the limit was closed");
      }

      held.remove(0).close();
      await().atMost(WAIT).until(() -> broadcaster.connections(greedy.id()) == 2);
      try (LiveClient again = LiveClient.connect(events(), greedy.token())) {
        await().atMost(WAIT).until(() -> broadcaster.connections(greedy.id()) == 3);
        assertFalse(again.isClosed());
      }
    } finally {
      held.forEach(LiveClient::close);
    }
  }

  private URI events() {
    return URI.create(ws() + "events");
  }

  private URI task(UUID taskId) {
    return URI.create(ws() + "tasks/" + taskId + "/events");
  }

  private String ws() {
    return root.toString().replaceFirst("^http", "ws");
  }
}
