package io.agentry.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** JSON form of {@link TaskMessage} on {@link Topics#AGENT_TASKS}. */
final class TaskCodec {
  private static final Set<String> FIELDS =
      Set.of(
          "specVersion",
          "taskId",
          "agentId",
          "userId",
          "binaryHash",
          "input",
          "args",
          "env",
          "timeoutMs",
          "maxMemoryMb",
          "submittedAt",
          "price",
          "authorId");

  private TaskCodec() {}

  static byte[] write(TaskMessage task) {
    byte[] input = Base64.getEncoder().encode(task.input());
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 1024);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("specVersion", task.specVersion());
      json.writeStringField("taskId", task.taskId().toString());
      json.writeStringField("agentId", task.agentId().toString());
      json.writeStringField("userId", task.userId().toString());
      if (task.binaryHash() != null) {
        json.writeStringField("binaryHash", task.binaryHash());
      }
      json.writeFieldName("input");
      // Base64 needs no escaping, so its bytes go out as they are, without a String in between.
      json.writeRawUTF8String(input, 0, input.length);
      json.writeArrayFieldStart("args");
      for (String arg : task.args()) {
        json.writeString(arg);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("env");
      for (Map.Entry<String, String> entry : task.env().entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("timeoutMs", task.timeoutMs());
      json.writeNumberField("maxMemoryMb", task.maxMemoryMb());
      json.writeStringField("submittedAt", task.submittedAt().toString());
      Charges.write(json, task.charge());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array failed", e);
    }
    return out.toByteArray();
  }

  static TaskMessage read(byte[] record) {
    ObjectNode root = RecordParser.parse(record, TaskLimits.MAX_TASK_RECORD_BYTES);
    FieldReader fields = new FieldReader(root, "", RecordIds.of(root));
    fields.specVersion();
    fields.rejectUnknown(FIELDS);
    try {
      return new TaskMessage(
          TaskLimits.SPEC_VERSION,
          fields.uuid("taskId"),
          fields.uuid("agentId"),
          fields.uuid("userId"),
          fields.optionalString("binaryHash"),
          fields.base64("input", TaskLimits.MAX_INPUT_BYTES),
          fields.stringList("args"),
          fields.stringMap("env"),
          fields.intValue("timeoutMs", TaskLimits.MIN_TIMEOUT_MS, TaskLimits.MAX_TIMEOUT_MS),
          fields.intValue("maxMemoryMb", TaskLimits.MIN_MEMORY_MB, TaskLimits.MAX_MEMORY_MB),
          fields.instant("submittedAt"),
          Charges.read(fields));
    } catch (IllegalArgumentException e) {
      throw fields.fail(e.getMessage());
    }
  }
}
