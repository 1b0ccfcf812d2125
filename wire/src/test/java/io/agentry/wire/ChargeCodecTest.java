package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The optional {@code price} and {@code authorId} of tasks and events. */
class ChargeCodecTest {

  private static final UUID AUTHOR = UUID.fromString("0b0b0b0b-1c1c-4d2d-8e3e-4f4f4f4f4f4f");
  private static final String AUTHOR_JSON = Samples.quote(AUTHOR);

  @Test
  void aTaskWithAChargeRoundTripsAtScaleTwo() {
    TaskMessage task =
        WireCodec.decodeTask(
            Samples.taskJson("price", "1.5", "authorId", AUTHOR_JSON).getBytes(UTF_8));

    assertEquals(new TaskCharge(new BigDecimal("1.50"), AUTHOR), task.charge());
    assertEquals("1.50", task.charge().price().toPlainString());
    assertEquals(task, WireCodec.decodeTask(WireCodec.encode(task)));
    assertTrue(new String(WireCodec.encode(task), UTF_8).contains("\"price\":1.50"));
  }

  @Test
  void recordsWrittenBeforeChargesExistedAreStillValidAndFree() {
    TaskMessage task = WireCodec.decodeTask(Samples.taskJson().getBytes(UTF_8));
    TaskEvent event = WireCodec.decodeEvent(Samples.eventJson().getBytes(UTF_8));

    assertNull(task.charge());
    assertNull(event.charge());
    assertFalse(new String(WireCodec.encode(task), UTF_8).contains("price"));
    assertFalse(new String(WireCodec.encode(event), UTF_8).contains("authorId"));
  }

  @Test
  void everyEventOfATaskCarriesItsCharge() {
    TaskCharge charge = new TaskCharge(new BigDecimal("99999999.99"), AUTHOR);
    TaskMessage task = Samples.fullTask().withCharge(charge);
    Instant at = Instant.parse("2025-03-01T12:35:00Z");

    TaskEvent queued = TaskEvent.queued(task, at);
    TaskEvent running = TaskEvent.running(task, 1, "executor-1", at);
    TaskEvent finished =
        TaskEvent.finished(
            task,
            TaskStatus.SUCCEEDED,
            1,
            "executor-1",
            at,
            Samples.fullResult(TaskStatus.SUCCEEDED));

    for (TaskEvent event : new TaskEvent[] {queued, running, finished}) {
      assertEquals(charge, event.charge());
      assertEquals(event, WireCodec.decodeEvent(WireCodec.encode(event)));
    }
  }

  @Test
  void aChargeThatBreaksARuleIsRefused() {
    for (String price : new String[] {"-0.01", "0.001", "100000000", "\"1\"", "true", "1e9"}) {
      assertThrows(
          WireFormatException.class,
          () ->
              WireCodec.decodeTask(
                  Samples.taskJson("price", price, "authorId", AUTHOR_JSON).getBytes(UTF_8)),
          price);
      assertThrows(
          WireFormatException.class,
          () ->
              WireCodec.decodeEvent(
                  Samples.eventJson("price", price, "authorId", AUTHOR_JSON).getBytes(UTF_8)),
          price);
    }
    WireFormatException alone =
        assertThrows(
            WireFormatException.class,
            () -> WireCodec.decodeTask(Samples.taskJson("price", "2").getBytes(UTF_8)));
    assertTrue(alone.getMessage().contains("both present or both absent"), alone.getMessage());
    assertThrows(
        WireFormatException.class,
        () -> WireCodec.decodeEvent(Samples.eventJson("authorId", AUTHOR_JSON).getBytes(UTF_8)));
    assertThrows(
        IllegalArgumentException.class, () -> new TaskCharge(new BigDecimal("0.005"), AUTHOR));
  }
}
