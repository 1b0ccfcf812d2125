package io.agentry.results.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveOutboxTest {

  @Test
  void aClientThatDoesNotReadIsClosedAsTooSlowOnceItsBufferIsFull() {
    FakeSink sink = new FakeSink();
    sink.stalled = true;
    LiveOutbox outbox = new LiveOutbox(sink, 3);

    for (int i = 0; i < 3; i++) {
      outbox.send("m" + i);
    }
    assertNull(sink.closeCode);
    outbox.send("m3");

    assertEquals(LiveOutbox.POLICY_VIOLATION, sink.closeCode);
    assertEquals("client too slow", sink.closeReason);
    assertEquals(3, sink.sent.size());
    assertTrue(outbox.isClosed());
    outbox.send("m4");
    assertEquals(3, sink.sent.size(), "nothing is sent after the close");
  }

  @Test
  void aClientThatReadsGetsEveryMessageInOrder() {
    FakeSink sink = new FakeSink();
    LiveOutbox outbox = new LiveOutbox(sink, 2);

    IntStream.range(0, 100).forEach(i -> outbox.send("m" + i));

    assertEquals(IntStream.range(0, 100).mapToObj(i -> "m" + i).toList(), sink.sent);
    assertNull(sink.closeCode);
  }

  @Test
  void theNormalCloseWaitsUntilTheLastMessageIsWritten() {
    FakeSink sink = new FakeSink();
    sink.stalled = true;
    LiveOutbox outbox = new LiveOutbox(sink, 8);
    outbox.send("running");
    outbox.sendAndClose("succeeded");
    assertNull(sink.closeCode, "closed before the last message was written");

    sink.release();

    assertEquals(2, sink.sent.size());
    assertEquals(LiveOutbox.NORMAL_CLOSURE, sink.closeCode);
    assertEquals("task ended", sink.closeReason);
  }
}
