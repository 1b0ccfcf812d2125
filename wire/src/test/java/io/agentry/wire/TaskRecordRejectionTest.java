package io.agentry.wire;

import static io.agentry.wire.Rejections.rawWithTaskId;
import static io.agentry.wire.Rejections.withRawBytes;
import static io.agentry.wire.Rejections.withTaskId;
import static io.agentry.wire.Rejections.withoutTaskId;
import static io.agentry.wire.Samples.ABSENT;
import static io.agentry.wire.Samples.array;
import static io.agentry.wire.Samples.quote;
import static io.agentry.wire.Samples.taskJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskRecordRejectionTest {

  static Stream<Arguments> badTaskRecords() {
    String taskIdFirst = "{\"taskId\":\"" + Samples.TASK_ID + "\",";
    return Stream.of(
        // The record as a whole
        withTaskId(
            "record over the size cap",
            taskJson("input", quote("A".repeat(TaskLimits.MAX_TASK_RECORD_BYTES))),
            "exceeds the limit of 8388608"),
        withoutTaskId("empty record", "", "record is empty"),
        withoutTaskId("whitespace only", " \n\t ", "record is empty"),
        withoutTaskId("plain text", "hello", "not JSON: "),
        withoutTaskId(
            "top-level array", "[" + taskJson() + "]", "must be a JSON object, was an array"),
        withoutTaskId("top-level string", "\"task\"", "must be a JSON object"),
        withTaskId("truncated after the taskId", taskJson().substring(0, 80), "not JSON: "),
        withTaskId(
            "second object after the first", taskJson() + "{}", "content follows the object"),
        withTaskId("garbage after the object", taskJson() + " x", "not JSON: "),
        withTaskId("comment", taskJson().replace("\"input\"", "/* c */\"input\""), "not JSON: "),
        withTaskId("single-quoted string", taskJson("input", "'aGk='"), "not JSON: "),
        withTaskId("NaN", taskJson("timeoutMs", "NaN"), "not JSON: "),
        withTaskId("leading zero", taskJson("timeoutMs", "030000"), "not JSON: "),
        withTaskId("trailing comma", taskJson().replace("}", ",}"), "not JSON: "),
        withTaskId(
            "deeply nested value",
            taskJson("foo", "[".repeat(40) + "]".repeat(40)),
            "record exceeds a parser limit"),
        rawWithTaskId(
            "invalid UTF-8 byte",
            withRawBytes(taskJson("args", "[\"@\"]"), 0xFF),
            "record is not valid UTF-8"),
        rawWithTaskId(
            "overlong UTF-8 encoding of '/'",
            withRawBytes(taskJson("args", "[\"@\"]"), 0xC0, 0xAF),
            "record is not valid UTF-8"),
        rawWithTaskId(
            "UTF-8 encoded surrogate",
            withRawBytes(taskJson("args", "[\"@\"]"), 0xED, 0xA0, 0x80),
            "record is not valid UTF-8"),
        rawWithTaskId(
            "truncated multi-byte sequence",
            withRawBytes(taskJson("args", "[\"@\"]"), 0xE2, 0x82),
            "record is not valid UTF-8"),
        rawWithTaskId(
            "raw NUL byte",
            withRawBytes(taskJson("args", "[\"@\"]"), 0x00),
            "not JSON: NUL byte at offset"),
        rawWithTaskId(
            "byte order mark", withRawBytes("@" + taskJson(), 0xEF, 0xBB, 0xBF), "byte order mark"),
        withTaskId(
            "duplicate top-level field",
            taskJson().replace("\"timeoutMs\":30000", "\"timeoutMs\":30000,\"timeoutMs\":1"),
            "duplicate field 'timeoutMs'"),
        withTaskId(
            "duplicate env key",
            taskJson("env", "{\"A\":\"1\",\"A\":\"2\"}"),
            "duplicate field 'env.A'"),

        // specVersion and unknown fields
        withTaskId(
            "missing specVersion", taskJson("specVersion", ABSENT), "missing field 'specVersion'"),
        withTaskId(
            "specVersion 2",
            taskJson("specVersion", "2"),
            "unsupported specVersion 2 (this version reads 1)"),
        withTaskId(
            "specVersion as a string",
            taskJson("specVersion", "\"1\""),
            "field 'specVersion' must be an integer, was \"1\""),
        withTaskId("unknown field", taskJson("foo", "1"), "unknown field 'foo'"),
        withTaskId(
            "unknown field that differs only in case",
            taskJson("timeoutMs", ABSENT, "timeoutms", "30000"),
            "unknown field 'timeoutms'"),

        // ids
        withoutTaskId("missing taskId", taskJson("taskId", ABSENT), "missing field 'taskId'"),
        withoutTaskId(
            "taskId not a UUID",
            taskJson("taskId", "\"abc\""),
            "field 'taskId' must be a UUID string in 8-4-4-4-12 hex form, was \"abc\""),
        withoutTaskId(
            "taskId in a short form UUID.fromString would accept",
            taskJson("taskId", "\"1-1-1-1-1\""),
            "field 'taskId' must be a UUID"),
        withoutTaskId(
            "taskId null",
            taskJson("taskId", "null"),
            "field 'taskId' must be a UUID string in 8-4-4-4-12 hex form, was null"),
        withTaskId("missing agentId", taskJson("agentId", ABSENT), "missing field 'agentId'"),
        withTaskId(
            "userId a number",
            taskJson("userId", "42"),
            "field 'userId' must be a UUID string in 8-4-4-4-12 hex form, was 42"),

        // binaryHash
        withTaskId(
            "binaryHash in uppercase",
            taskJson("binaryHash", quote(Samples.HASH.toUpperCase())),
            "field 'binaryHash' must be 64 lowercase hex characters"),
        withTaskId(
            "binaryHash of 63 characters",
            taskJson("binaryHash", quote(Samples.HASH.substring(1))),
            "field 'binaryHash' must be 64 lowercase hex characters"),
        withTaskId(
            "binaryHash a number",
            taskJson("binaryHash", "12"),
            "field 'binaryHash' must be a string, was 12"),

        // input
        withTaskId("missing input", taskJson("input", ABSENT), "missing field 'input'"),
        withTaskId(
            "input with characters outside base64",
            taskJson("input", "\"@@@@\""),
            "field 'input' is not valid base64"),
        withTaskId(
            "input without padding",
            taskJson("input", "\"aGk\""),
            "field 'input' is not valid base64"),
        withTaskId(
            "input with a line break",
            taskJson("input", "\"aGVs\\nbG8=\""),
            "field 'input' is not valid base64"),
        withTaskId(
            "input URL-safe alphabet",
            taskJson("input", "\"-_-_\""),
            "field 'input' is not valid base64"),
        withTaskId(
            "input over 1 MiB decoded",
            taskJson(
                "input",
                quote(
                    Base64.getEncoder().encodeToString(new byte[TaskLimits.MAX_INPUT_BYTES + 1]))),
            "field 'input' must be at most 1048576 bytes, was 1048577"),
        withTaskId(
            "input a number",
            taskJson("input", "5"),
            "field 'input' must be a base64 string, was 5"),

        // args
        withTaskId("missing args", taskJson("args", ABSENT), "missing field 'args'"),
        withTaskId(
            "args a string",
            taskJson("args", "\"-v\""),
            "field 'args' must be an array of strings, was \"-v\""),
        withTaskId(
            "arg a number",
            taskJson("args", "[\"a\",5]"),
            "field 'args[1]' must be a string, was 5"),
        withTaskId(
            "arg a boolean",
            taskJson("args", "[true]"),
            "field 'args[0]' must be a string, was true"),
        withTaskId(
            "arg null", taskJson("args", "[null]"), "field 'args[0]' must be a string, was null"),
        withTaskId(
            "65 args",
            taskJson("args", array(65, "\"a\"")),
            "field 'args' must have at most 64 entries, was 65"),
        withTaskId(
            "arg over 4096 bytes of UTF-8 though under 4096 characters",
            taskJson("args", "[" + quote("é".repeat(2049)) + "]"),
            "field 'args[0]' must be at most 4096 bytes of UTF-8, was 4098"),
        withTaskId(
            "arg with a NUL character",
            taskJson("args", "[\"a\\u0000b\"]"),
            "field 'args[0]' must not contain a NUL character"),
        withTaskId(
            "arg with an unpaired surrogate",
            taskJson("args", "[\"\\ud800\"]"),
            "field 'args[0]' contains an unpaired UTF-16 surrogate"),

        // env
        withTaskId("missing env", taskJson("env", ABSENT), "missing field 'env'"),
        withTaskId(
            "env an array",
            taskJson("env", "[]"),
            "field 'env' must be an object of strings, was an array"),
        withTaskId(
            "env value a number",
            taskJson("env", "{\"PATH\":1}"),
            "field 'env.PATH' must be a string, was 1"),
        withTaskId(
            "env value null",
            taskJson("env", "{\"PATH\":null}"),
            "field 'env.PATH' must be a string, was null"),
        withTaskId(
            "65 env entries",
            taskJson("env", envOf(65)),
            "field 'env' must have at most 64 entries, was 65"),
        withTaskId(
            "env key over 4096 bytes",
            taskJson("env", "{" + quote("K".repeat(4097)) + ":\"v\"}"),
            "field 'env' key \"KKKK"),
        withTaskId(
            "env value over 4096 bytes",
            taskJson("env", "{\"BIG\":" + quote("v".repeat(4097)) + "}"),
            "field 'env.BIG' must be at most 4096 bytes of UTF-8, was 4097"),
        withTaskId(
            "env key with '='",
            taskJson("env", "{\"A=B\":\"v\"}"),
            "field 'env' key \"A=B\" must not contain '='"),
        withTaskId(
            "env key empty",
            taskJson("env", "{\"\":\"v\"}"),
            "field 'env' must not have an empty key"),
        withTaskId(
            "env value with a NUL character",
            taskJson("env", "{\"A\":\"x\\u0000\"}"),
            "field 'env.A' must not contain a NUL character"),

        // numbers
        withTaskId(
            "timeoutMs 0",
            taskJson("timeoutMs", "0"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was 0"),
        withTaskId(
            "timeoutMs over the maximum",
            taskJson("timeoutMs", "300001"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was 300001"),
        withTaskId(
            "timeoutMs as a string",
            taskJson("timeoutMs", "\"30000\""),
            "field 'timeoutMs' must be an integer from 1 to 300000, was \"30000\""),
        withTaskId(
            "timeoutMs a fraction",
            taskJson("timeoutMs", "1.5"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was 1.5"),
        withTaskId(
            "timeoutMs written with a decimal point",
            taskJson("timeoutMs", "30000.0"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was 30000.0"),
        withTaskId(
            "timeoutMs with an exponent",
            taskJson("timeoutMs", "3e4"),
            "field 'timeoutMs' must be an integer from 1 to 300000"),
        withTaskId(
            "timeoutMs beyond 64 bits",
            taskJson("timeoutMs", "123456789012345678901234567890"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was 123456789012345678901234567890"),
        withTaskId(
            "timeoutMs a boolean",
            taskJson("timeoutMs", "true"),
            "field 'timeoutMs' must be an integer from 1 to 300000, was true"),
        withTaskId("missing timeoutMs", taskJson("timeoutMs", ABSENT), "missing field 'timeoutMs'"),
        withTaskId(
            "maxMemoryMb over 512",
            taskJson("maxMemoryMb", "513"),
            "field 'maxMemoryMb' must be an integer from 1 to 512, was 513"),
        withTaskId(
            "maxMemoryMb null",
            taskJson("maxMemoryMb", "null"),
            "field 'maxMemoryMb' must be an integer from 1 to 512, was null"),

        // submittedAt
        withTaskId(
            "missing submittedAt", taskJson("submittedAt", ABSENT), "missing field 'submittedAt'"),
        withTaskId(
            "submittedAt not a timestamp",
            taskJson("submittedAt", "\"yesterday\""),
            "field 'submittedAt' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "submittedAt with an offset instead of Z",
            taskJson("submittedAt", "\"2025-03-01T12:34:56+02:00\""),
            "field 'submittedAt' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "submittedAt as epoch milliseconds",
            taskJson("submittedAt", "1740832496000"),
            "field 'submittedAt' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "submittedAt on an impossible date",
            taskJson("submittedAt", "\"2025-02-30T00:00:00Z\""),
            "field 'submittedAt' must be an ISO-8601 UTC timestamp"),
        withTaskId(
            "submittedAt before 1970, which no consumer stores",
            taskJson("submittedAt", "\"1969-12-31T23:59:59Z\""),
            "field 'submittedAt' must be a timestamp from 1970-01-01T00:00:00Z to"
                + " 9999-12-31T23:59:59.999999999Z, was \"1969-12-31T23:59:59Z\""),
        withTaskId(
            "submittedAt past the year 9999",
            taskJson("submittedAt", "\"+10000-01-01T00:00:00Z\""),
            "field 'submittedAt' must be a timestamp from 1970-01-01T00:00:00Z"),
        // A prefix before taskId shows that ids are salvaged from a record that breaks later.
        withTaskId("broken after a leading taskId", taskIdFirst + "\"x\":", "not JSON: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTaskRecords")
  void badTaskRecordIsRejectedWithItsReason(
      String name, byte[] record, String reason, boolean taskIdReadable) {
    Rejections.assertRejected(WireCodec::decodeTask, record, reason, taskIdReadable);
  }

  @Test
  void baseRecordOfTheTableIsValid() {
    assertEquals(Samples.TASK_ID, WireCodec.decodeTask(taskJson().getBytes(UTF_8)).taskId());
  }

  @Test
  void nullRecordIsRejected() {
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> WireCodec.decodeTask(null));
    assertEquals("record has no value (a null value is not a message)", e.reason());
  }

  @Test
  void specVersionIsCheckedBeforeUnknownFields() {
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            () ->
                WireCodec.decodeTask(
                    taskJson("specVersion", "2", "newField", "1").getBytes(UTF_8)));
    assertEquals("unsupported specVersion 2 (this version reads 1)", e.reason());
  }

  @Test
  void readableAgentAndUserIdsAccompanyTheReason() {
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            () -> WireCodec.decodeTask(taskJson("timeoutMs", "0").getBytes(UTF_8)));
    assertEquals(Samples.AGENT_ID, e.agentId().orElseThrow());
    assertEquals(Samples.USER_ID, e.userId().orElseThrow());
  }

  @Test
  void reasonIsTheExceptionMessage() {
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            () -> WireCodec.decodeTask(taskJson("foo", "1").getBytes(UTF_8)));
    assertEquals("unknown field 'foo'", e.getMessage());
  }

  private static String envOf(int entries) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < entries; i++) {
      json.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
    }
    return json.append("}").toString();
  }
}
