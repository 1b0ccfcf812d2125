package io.agentry.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** JSON form of {@link TaskEvent} and its {@link TaskResult} on {@link Topics#TASK_EVENTS}. */
final class EventCodec {
  private static final Set<String> FIELDS =
      Set.of(
          "specVersion",
          "taskId",
          "agentId",
          "userId",
          "status",
          "at",
          "attempt",
          "executorId",
          "result");

  private static final Set<String> USAGE_FIELDS =
      Set.of(
          "cpuMs",
          "wallMs",
          "memoryPeakMb",
          "stdoutBytes",
          "stderrBytes",
          "httpRequests",
          "httpBytes");

  private static final Set<String> RESULT_FIELDS =
      Set.of(
          "exitCode",
          "stdout",
          "stderr",
          "stdoutTruncated",
          "stderrTruncated",
          "durationMs",
          "error",
          "usage");

  private EventCodec() {}

  static byte[] write(TaskEvent event) {
    TaskResult result = event.result();
    byte[] stdout = result == null ? null : Base64.getEncoder().encode(result.stdout());
    byte[] stderr = result == null ? null : Base64.getEncoder().encode(result.stderr());
    int size = 512 + (result == null ? 0 : stdout.length + stderr.length + 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("specVersion", event.specVersion());
      json.writeStringField("taskId", event.taskId().toString());
      writeOptional(json, "agentId", event.agentId());
      writeOptional(json, "userId", event.userId());
      json.writeStringField("status", event.status().name());
      json.writeStringField("at", event.at().toString());
      json.writeNumberField("attempt", event.attempt());
      writeOptional(json, "executorId", event.executorId());
      if (result != null) {
        json.writeObjectFieldStart("result");
        if (result.exitCode() != null) {
          json.writeNumberField("exitCode", result.exitCode());
        }
        // Base64 needs no escaping, so its bytes go out as they are, without a String in between.
        json.writeFieldName("stdout");
        json.writeRawUTF8String(stdout, 0, stdout.length);
        json.writeFieldName("stderr");
        json.writeRawUTF8String(stderr, 0, stderr.length);
        json.writeBooleanField("stdoutTruncated", result.stdoutTruncated());
        json.writeBooleanField("stderrTruncated", result.stderrTruncated());
        json.writeNumberField("durationMs", result.durationMs());
        writeOptional(json, "error", result.error());
        if (result.usage() != null) {
          TaskUsage usage = result.usage();
          json.writeObjectFieldStart("usage");
          json.writeNumberField("cpuMs", usage.cpuMs());
          json.writeNumberField("wallMs", usage.wallMs());
          json.writeNumberField("memoryPeakMb", usage.memoryPeakMb());
          json.writeNumberField("stdoutBytes", usage.stdoutBytes());
          json.writeNumberField("stderrBytes", usage.stderrBytes());
          json.writeNumberField("httpRequests", usage.httpRequests());
          json.writeNumberField("httpBytes", usage.httpBytes());
          json.writeEndObject();
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array failed", e);
    }
    return out.toByteArray();
  }

  static TaskEvent read(byte[] record) {
    ObjectNode root = RecordParser.parse(record, TaskLimits.MAX_EVENT_RECORD_BYTES);
    FieldReader fields = new FieldReader(root, "", RecordIds.of(root));
    fields.specVersion();
    fields.rejectUnknown(FIELDS);
    try {
      UUID taskId = fields.uuid("taskId");
      UUID agentId = fields.optionalUuid("agentId");
      UUID userId = fields.optionalUuid("userId");
      TaskStatus status = fields.status("status");
      Instant at = fields.instant("at");
      int attempt = fields.intValue("attempt", 0, Integer.MAX_VALUE);
      String executorId = fields.optionalString("executorId");
      FieldReader resultFields = fields.optionalObject("result");
      TaskResult result = resultFields == null ? null : readResult(resultFields);
      return new TaskEvent(taskId, agentId, userId, status, at, attempt, executorId, result);
    } catch (IllegalArgumentException e) {
      throw fields.fail(e.getMessage());
    }
  }

  private static TaskResult readResult(FieldReader fields) {
    fields.rejectUnknown(RESULT_FIELDS);
    return new TaskResult(
        fields.optionalInt("exitCode", Integer.MIN_VALUE, Integer.MAX_VALUE),
        fields.base64("stdout", TaskLimits.MAX_OUTPUT_CAP_BYTES),
        fields.base64("stderr", TaskLimits.MAX_OUTPUT_CAP_BYTES),
        fields.booleanValue("stdoutTruncated"),
        fields.booleanValue("stderrTruncated"),
        fields.longValue("durationMs", 0, Long.MAX_VALUE),
        fields.optionalString("error"),
        readUsage(fields.optionalObject("usage")));
  }

  /**
   * The optional usage object: absent in events written before it existed; its HTTP fields are
   * absent in events written before outbound HTTP existed (read as 0).
   */
  private static TaskUsage readUsage(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    fields.rejectUnknown(USAGE_FIELDS);
    return new TaskUsage(
        fields.longValue("cpuMs", 0, Long.MAX_VALUE),
        fields.longValue("wallMs", 0, Long.MAX_VALUE),
        fields.intValue("memoryPeakMb", 0, TaskLimits.MAX_MEMORY_MB),
        fields.longValue("stdoutBytes", 0, Long.MAX_VALUE),
        fields.longValue("stderrBytes", 0, Long.MAX_VALUE),
        optionalCount(fields, "httpRequests"),
        optionalCount(fields, "httpBytes"));
  }

  private static long optionalCount(FieldReader fields, String name) {
    Long value = fields.optionalLong(name, 0, Long.MAX_VALUE);
    return value == null ? 0 : value;
  }

  private static void writeOptional(JsonGenerator json, String name, Object value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value.toString());
    }
  }
}
