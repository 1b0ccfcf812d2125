package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The optional {@code result.usage} object of terminal events: strict when present. */
class UsageCodecTest {

  private static final String EVENT =
      "{\"specVersion\":1,\"taskId\":\"7d0a1c2e-3b4f-4a5b-8c6d-7e8f9a0b1c2d\","
          + "\"agentId\":\"11111111-2222-4333-8444-555555555555\","
          + "\"userId\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\",\"status\":\"SUCCEEDED\","
          + "\"at\":\"2025-03-01T12:34:56Z\",\"attempt\":1,\"result\":{\"exitCode\":0,"
          + "\"stdout\":\"\",\"stderr\":\"\",\"stdoutTruncated\":false,\"stderrTruncated\":false,"
          + "\"durationMs\":5USAGE}}";

  @Test
  void anEventWithUsageRoundTrips() {
    TaskUsage usage = new TaskUsage(3, 5, 2, 1_048_577, 0);
    TaskEvent event =
        WireCodec.decodeEvent(
            event(
                ",\"usage\":{\"cpuMs\":3,\"wallMs\":5,\"memoryPeakMb\":2,"
                    + "\"stdoutBytes\":1048577,\"stderrBytes\":0}"));

    assertEquals(usage, event.result().usage());
    assertEquals(event, WireCodec.decodeEvent(WireCodec.encode(event)));
  }

  @Test
  void httpUsageRoundTripsAndReadsAsZeroInEventsWrittenBeforeIt() {
    TaskEvent withHttp =
        WireCodec.decodeEvent(
            event(
                ",\"usage\":{\"cpuMs\":3,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":1,"
                    + "\"stderrBytes\":0,\"httpRequests\":4,\"httpBytes\":70000}"));
    TaskEvent older =
        WireCodec.decodeEvent(
            event(
                ",\"usage\":{\"cpuMs\":3,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":1,"
                    + "\"stderrBytes\":0}"));

    assertEquals(new TaskUsage(3, 5, 2, 1, 0, 4, 70_000), withHttp.result().usage());
    assertEquals(withHttp, WireCodec.decodeEvent(WireCodec.encode(withHttp)));
    assertEquals(0, older.result().usage().httpRequests());
    assertEquals(0, older.result().usage().httpBytes());
    assertRefused(
        ",\"usage\":{\"cpuMs\":1,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,"
            + "\"stderrBytes\":0,\"httpRequests\":-1}");
    assertRefused(
        ",\"usage\":{\"cpuMs\":1,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,"
            + "\"stderrBytes\":0,\"httpBytes\":\"1\"}");
  }

  @Test
  void anEventWrittenBeforeUsageExistedIsStillValid() {
    TaskEvent event = WireCodec.decodeEvent(event(""));

    assertNull(event.result().usage());
    assertTrue(!new String(WireCodec.encode(event), UTF_8).contains("usage"));
  }

  @Test
  void aUsageObjectThatBreaksARuleIsRefused() {
    assertRefused(
        ",\"usage\":{\"cpuMs\":-1,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,\"stderrBytes\":0}");
    assertRefused(
        ",\"usage\":{\"cpuMs\":1,\"wallMs\":5,\"memoryPeakMb\":513,\"stdoutBytes\":0,\"stderrBytes\":0}");
    assertRefused(
        ",\"usage\":{\"cpuMs\":1.5,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,\"stderrBytes\":0}");
    assertRefused(
        ",\"usage\":{\"cpuMs\":\"1\",\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,\"stderrBytes\":0}");
    assertRefused(
        ",\"usage\":{\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,\"stderrBytes\":0}");
    assertRefused(
        ",\"usage\":{\"cpuMs\":1,\"wallMs\":5,\"memoryPeakMb\":2,\"stdoutBytes\":0,\"stderrBytes\":0,\"gpuMs\":1}");
    assertRefused(",\"usage\":[]");
  }

  private static void assertRefused(String usage) {
    assertThrows(WireFormatException.class, () -> WireCodec.decodeEvent(event(usage)), usage);
  }

  private static byte[] event(String usage) {
    return EVENT.replace("USAGE", usage).getBytes(UTF_8);
  }
}
