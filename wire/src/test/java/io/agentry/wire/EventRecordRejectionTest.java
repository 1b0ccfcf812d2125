package io.agentry.wire;

import static io.agentry.wire.Rejections.withTaskId;
import static io.agentry.wire.Rejections.withoutTaskId;
import static io.agentry.wire.Samples.ABSENT;
import static io.agentry.wire.Samples.eventJson;
import static io.agentry.wire.Samples.quote;
import static io.agentry.wire.Samples.resultJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventRecordRejectionTest {
  private static final String RUNNING = quote("RUNNING");
  private static final String FAILED = quote("FAILED");

  static Stream<Arguments> badEventRecords() {
    return Stream.of(
        withTaskId(
            "record over the size cap",
            eventJson(
                "result",
                resultJson("stdout", quote("A".repeat(TaskLimits.MAX_EVENT_RECORD_BYTES)))),
            "exceeds the limit of 16777216"),
        withoutTaskId("not JSON", "{oops}", "not JSON: "),
        withTaskId("specVersion 0", eventJson("specVersion", "0"), "unsupported specVersion 0"),
        withTaskId("unknown field", eventJson("message", "\"hi\""), "unknown field 'message'"),
        withoutTaskId("missing taskId", eventJson("taskId", ABSENT), "missing field 'taskId'"),
        withTaskId(
            "agentId missing on a SUCCEEDED event",
            eventJson("agentId", ABSENT),
            "missing field 'agentId'"),
        withTaskId(
            "userId null on a RUNNING event",
            eventJson("status", RUNNING, "result", ABSENT, "userId", "null"),
            "missing field 'userId'"),

        // status
        withTaskId("missing status", eventJson("status", ABSENT), "missing field 'status'"),
        withTaskId(
            "unknown status",
            eventJson("status", "\"DONE\""),
            "field 'status' must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT,"
                + " CANCELLED, REJECTED, was \"DONE\""),
        withTaskId(
            "status in lowercase",
            eventJson("status", "\"succeeded\""),
            "field 'status' must be one of"),
        withTaskId("status as a number", eventJson("status", "2"), "field 'status' must be one of"),

        // at, attempt, executorId
        withTaskId("missing at", eventJson("at", ABSENT), "missing field 'at'"),
        withTaskId(
            "at without a time",
            eventJson("at", "\"2025-03-01\""),
            "field 'at' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "at in the year 300000, which PostgreSQL cannot hold",
            eventJson("at", "\"+300000-01-01T00:00:00Z\""),
            "field 'at' must be a timestamp from 1970-01-01T00:00:00Z to"
                + " 9999-12-31T23:59:59.999999999Z, was \"+300000-01-01T00:00:00Z\""),
        withTaskId(
            "at before 1970",
            eventJson("at", "\"-5000-01-01T00:00:00Z\""),
            "field 'at' must be a timestamp from 1970-01-01T00:00:00Z"),
        withTaskId(
            "attempt negative",
            eventJson("attempt", "-1"),
            "field 'attempt' must be an integer of at least 0, was -1"),
        withTaskId(
            "attempt 1 on a QUEUED event",
            eventJson("status", quote("QUEUED"), "result", ABSENT),
            "field 'attempt' must be 0 on a QUEUED event, was 1"),
        withTaskId(
            "attempt 0 on a RUNNING event",
            eventJson("status", RUNNING, "result", ABSENT, "attempt", "0"),
            "field 'attempt' must be at least 1 on a RUNNING event, was 0"),
        withTaskId(
            "executorId a number",
            eventJson("executorId", "7"),
            "field 'executorId' must be a string, was 7"),
        withTaskId(
            "executorId over 256 bytes",
            eventJson("executorId", quote("e".repeat(257))),
            "field 'executorId' must be at most 256 bytes of UTF-8, was 257"),

        // result presence
        withTaskId(
            "result on a RUNNING event",
            eventJson("status", RUNNING),
            "field 'result' must be absent on a RUNNING event"),
        withTaskId(
            "result missing on a SUCCEEDED event",
            eventJson("result", ABSENT),
            "missing field 'result' (required on a SUCCEEDED event)"),
        withTaskId(
            "result null on a FAILED event",
            eventJson("status", FAILED, "result", "null"),
            "missing field 'result' (required on a FAILED event)"),
        withTaskId(
            "result an array",
            eventJson("result", "[]"),
            "field 'result' must be an object, was an array"),

        // result fields
        withTaskId(
            "unknown field in result",
            eventJson("result", resultJson("exit", "0")),
            "unknown field 'result.exit'"),
        withTaskId(
            "missing result.stderr",
            eventJson("result", resultJson("stderr", ABSENT)),
            "missing field 'result.stderr'"),
        withTaskId(
            "result.stdout not base64",
            eventJson("result", resultJson("stdout", "\"b2s\"")),
            "field 'result.stdout' is not valid base64"),
        withTaskId(
            "result.stdout over the output cap",
            eventJson(
                "result",
                resultJson(
                    "stdout", quote("A".repeat((TaskLimits.MAX_OUTPUT_CAP_BYTES / 3 + 1) * 4)))),
            "field 'result.stdout' must be at most 5242880 bytes, was 5242881"),
        withTaskId(
            "result.durationMs negative",
            eventJson("result", resultJson("durationMs", "-1")),
            "field 'result.durationMs' must be an integer of at least 0, was -1"),
        withTaskId(
            "result.stdoutTruncated as a string",
            eventJson("result", resultJson("stdoutTruncated", "\"false\"")),
            "field 'result.stdoutTruncated' must be true or false, was \"false\""),
        withTaskId(
            "result.stderrTruncated as a number",
            eventJson("result", resultJson("stderrTruncated", "0")),
            "field 'result.stderrTruncated' must be true or false, was 0"),
        withTaskId(
            "result.exitCode a fraction",
            eventJson("result", resultJson("exitCode", "1.5")),
            "field 'result.exitCode' must be a 32-bit integer, was 1.5"),
        withTaskId(
            "result.exitCode beyond 32 bits",
            eventJson(
                "status", FAILED, "result", resultJson("exitCode", "4294967296", "error", "\"x\"")),
            "field 'result.exitCode' must be a 32-bit integer, was 4294967296"),
        withTaskId(
            "result.error a boolean",
            eventJson("status", FAILED, "result", resultJson("exitCode", "1", "error", "false")),
            "field 'result.error' must be a string, was false"),
        withTaskId(
            "result.error blank",
            eventJson("status", FAILED, "result", resultJson("exitCode", "1", "error", "\" \"")),
            "field 'result.error' must not be blank"),

        // result agrees with status
        withTaskId(
            "SUCCEEDED with a non-zero exit code",
            eventJson("result", resultJson("exitCode", "3")),
            "field 'result.exitCode' must be 0 on a SUCCEEDED event, was 3"),
        withTaskId(
            "SUCCEEDED with an error",
            eventJson("result", resultJson("error", "\"oops\"")),
            "field 'result.error' must be absent on a SUCCEEDED event"),
        withTaskId(
            "FAILED without an error",
            eventJson("status", FAILED, "result", resultJson("exitCode", "1")),
            "missing field 'result.error'"),
        withTaskId(
            "FAILED with exit code 0",
            eventJson("status", FAILED, "result", resultJson("error", "\"x\"")),
            "field 'result.exitCode' must not be 0 on a FAILED event"),
        withTaskId(
            "TIMED_OUT with an exit code",
            eventJson(
                "status",
                quote("TIMED_OUT"),
                "result",
                resultJson("exitCode", "1", "error", "\"slow\"")),
            "field 'result.exitCode' must be absent on a TIMED_OUT event"),
        withTaskId(
            "error with a NUL character",
            eventJson(
                "status", FAILED, "result", resultJson("exitCode", "1", "error", "\"a\\u0000b\"")),
            "field 'result.error' must not contain a NUL character"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEventRecords")
  void badEventRecordIsRejectedWithItsReason(
      String name, byte[] record, String reason, boolean taskIdReadable) {
    Rejections.assertRejected(WireCodec::decodeEvent, record, reason, taskIdReadable);
  }

  @Test
  void baseRecordOfTheTableIsValid() {
    assertEquals(Samples.TASK_ID, WireCodec.decodeEvent(eventJson().getBytes(UTF_8)).taskId());
  }

  @Test
  void rejectedEventMayOmitAgentAndUser() {
    TaskEvent event =
        WireCodec.decodeEvent(
            eventJson(
                    "status",
                    quote("REJECTED"),
                    "agentId",
                    ABSENT,
                    "userId",
                    "null",
                    "attempt",
                    "0",
                    "result",
                    resultJson("exitCode", ABSENT, "error", "\"malformed record\""))
                .getBytes(UTF_8));
    assertEquals(TaskStatus.REJECTED, event.status());
    assertEquals(null, event.agentId());
  }
}
