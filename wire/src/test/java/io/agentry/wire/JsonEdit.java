package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One structure-aware change to a valid record: a member or element (a "slot", counted depth-first
 * over the whole document, nested objects and arrays included) is replaced by a hostile value,
 * removed, duplicated, renamed, nested deeply, copied over from another slot, or has a hostile
 * fragment spliced into its string. Indexes are taken modulo what is there, so any edit applies to
 * any record.
 */
record JsonEdit(Kind kind, int slot, int value, int name) {

  enum Kind {
    REPLACE,
    REMOVE,
    DUPLICATE,
    ADD,
    RENAME,
    NEST,
    COPY_FROM,
    SPLICE_INTO_STRING
  }

  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** Raw JSON values that are wrong somewhere, or everywhere, in a record. */
  static final List<String> VALUES =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "-0",
          "1",
          "-1",
          "2",
          "64",
          "512",
          "513",
          "300000",
          "300001",
          "2147483647",
          "2147483648",
          "-2147483648",
          "-2147483649",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "18446744073709551616",
          "1" + "0".repeat(63),
          "1" + "0".repeat(64),
          "1.5",
          "30000.0",
          "3e4",
          "1E400",
          "-1e309",
          "1e-400",
          "0.0",
          "1.0e0",
          "\"\"",
          "\" \"",
          "\"1\"",
          "\"30000\"",
          "\"true\"",
          "\"null\"",
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"\\ud800\"",
          "\"\\udc00\\ud800\"",
          "\"\\uDBFF\\uDFFF\"",
          "\"\\\\\"",
          "\"\\\"\"",
          "\"\\/\\b\\f\\n\\r\\t\"",
          "\"=\"",
          "\"A=B\"",
          "\"é🚀日本\"",
          "\"" + "A".repeat(4097) + "\"",
          "\"" + "é".repeat(2049) + "\"",
          "\"" + "\\u0001".repeat(300) + "\"",
          "\"" + "x".repeat(8193) + "\"",
          quoted(Samples.TASK_ID),
          quoted(Samples.TASK_ID.toString().toUpperCase()),
          quoted(Samples.TASK_ID.toString().replace("-", "")),
          "\"{" + Samples.TASK_ID + "}\"",
          "\"0-0-0-0-0\"",
          "\"00000000-0000-0000-0000-000000000000\"",
          "\"7d0a1c2e-3b4f-4a5b-8c6d-7e8f9a0b1c2\"",
          "\"7d0a1c2e-3b4f-4a5b-8c6d-7e8f9a0b1c2dd\"",
          "\"7d0a1c2e+3b4f-4a5b-8c6d-7e8f9a0b1c2d\"",
          "\"7d0a1c2e-3b4f-4a5b-8c6d-7e8f9a0b1c2g\"",
          quoted(Samples.HASH),
          quoted(Samples.HASH.toUpperCase()),
          quoted(Samples.HASH.substring(1)),
          quoted(Samples.HASH + "0"),
          "\"AAAA\"",
          "\"AA==\"",
          "\"AAA=\"",
          "\"A===\"",
          "\"====\"",
          "\"=AAA\"",
          "\"A\"",
          "\"AAAAA\"",
          "\"aGVsbG8\"",
          "\"aGVs bG8=\"",
          "\"aGVsbG8=\\n\"",
          "\"-_-_\"",
          "\"AB==\"",
          "\"****\"",
          "\"2025-03-01T12:34:56Z\"",
          "\"2025-03-01T12:34:56.123456789Z\"",
          "\"2025-03-01T12:34:56.1234567891Z\"",
          "\"2025-03-01t12:34:56z\"",
          "\"2025-03-01T12:34:56z\"",
          "\"2025-03-01T12:34:56+00:00\"",
          "\"2025-03-01T12:34:56+01:00Z\"",
          "\"2025-03-01 12:34:56Z\"",
          "\"2025-03-01T24:00:00Z\"",
          "\"2025-02-29T00:00:00Z\"",
          "\"2024-02-29T00:00:00Z\"",
          "\"2025-03-01T23:59:60Z\"",
          "\"2025-13-01T00:00:00Z\"",
          "\"0000-01-01T00:00:00Z\"",
          "\"-0001-01-01T00:00:00Z\"",
          "\"+10000-01-01T00:00:00Z\"",
          "\"10000-01-01T00:00:00Z\"",
          "\"+999999999-12-31T23:59:59.999999999Z\"",
          "\"-999999999-01-01T00:00:00Z\"",
          "\"+1000000000-01-01T00:00:00Z\"",
          "\"-1000000001-01-01T00:00:00Z\"",
          "\"1970-01-01T00:00:00Z\"",
          "\"Z\"",
          "\"QUEUED\"",
          "\"RUNNING\"",
          "\"SUCCEEDED\"",
          "\"FAILED\"",
          "\"TIMED_OUT\"",
          "\"CANCELLED\"",
          "\"REJECTED\"",
          "\"queued\"",
          "\" FAILED\"",
          "\"CANCEL\"",
          "\"cancel\"",
          "\"executor-1\"",
          "\"   \"",
          "[]",
          "[\"\"]",
          "[1]",
          "[null]",
          "[\"a\",\"b\"]",
          "[[\"a\"]]",
          "[" + String.join(",", java.util.Collections.nCopies(65, "\"a\"")) + "]",
          "{}",
          "{\"\":\"x\"}",
          "{\"A=B\":\"x\"}",
          "{\"A\":\"\\u0000\"}",
          "{\"\\u0000\":\"x\"}",
          "{\"A\":null}",
          "{\"A\":1}",
          "{\"A\":{}}",
          "{\"A\":\"1\",\"A\":\"2\"}",
          "{\"A\":\"1\",\"\\u0041\":\"2\"}",
          "{\"" + "K".repeat(4097) + "\":\"v\"}",
          manyEntries(65),
          "[".repeat(15) + "]".repeat(15),
          "[".repeat(16) + "]".repeat(16),
          "[".repeat(17) + "]".repeat(17),
          "{\"a\":".repeat(17) + "1" + "}".repeat(17),
          "[".repeat(200) + "]".repeat(200));

  /** Member names: every field the codecs know, near misses and nonsense. */
  static final List<String> NAMES =
      List.of(
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
          "status",
          "at",
          "attempt",
          "executorId",
          "result",
          "exitCode",
          "stdout",
          "stderr",
          "stdoutTruncated",
          "stderrTruncated",
          "durationMs",
          "error",
          "action",
          "foo",
          "",
          "TASKID",
          "taskid",
          "taskId ",
          "task\\u0049d",
          "\\u0000",
          "PATH",
          "A=B",
          "__proto__",
          "é🚀",
          "\\ud800",
          "x".repeat(300));

  /** Text spliced into a string value. */
  static final List<String> FRAGMENTS =
      List.of(
          "\\u0000",
          "\\ud800",
          "\\udfff",
          "\\uD83D\\uDE80",
          "=",
          "\\n",
          "\\\\",
          "\\\"",
          "é",
          "🚀",
          "\\u0041",
          " ",
          "Z",
          ".5",
          "-",
          "==",
          "x".repeat(5000));

  private static final Kind[] KINDS = Kind.values();

  /** Any edit: a kind, and a slot, value and name index below 4096 each. */
  static JsonEdit random(SplittableRandom random) {
    return new JsonEdit(
        KINDS[random.nextInt(KINDS.length)],
        random.nextInt(4096),
        random.nextInt(4096),
        random.nextInt(4096));
  }

  /** A JSON value as written: a raw scalar, or an object or array whose parts can be edited. */
  static final class Node {
    final String raw;
    final List<String> names;
    final List<Node> children;

    private Node(String raw, List<String> names, List<Node> children) {
      this.raw = raw;
      this.names = names;
      this.children = children;
    }

    static Node of(byte[] json) {
      try {
        return of(PLAIN.readTree(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static Node of(JsonNode json) {
      if (json.isObject()) {
        Node node = new Node(null, new ArrayList<>(), new ArrayList<>());
        for (Map.Entry<String, JsonNode> member : json.properties()) {
          node.names.add(PLAIN.getNodeFactory().textNode(member.getKey()).toString());
          node.children.add(of(member.getValue()));
        }
        return node;
      }
      if (json.isArray()) {
        Node node = new Node(null, null, new ArrayList<>());
        json.forEach(element -> node.children.add(of(element)));
        return node;
      }
      return raw(json.toString());
    }

    static Node raw(String text) {
      return new Node(text, null, null);
    }

    boolean isObject() {
      return names != null;
    }

    Node copy() {
      if (raw != null) {
        return this;
      }
      List<Node> copies = new ArrayList<>(children.size());
      children.forEach(child -> copies.add(child.copy()));
      return new Node(null, names == null ? null : new ArrayList<>(names), copies);
    }

    byte[] write() {
      StringBuilder out = new StringBuilder();
      write(out);
      return out.toString().getBytes(UTF_8);
    }

    private void write(StringBuilder out) {
      if (raw != null) {
        out.append(raw);
        return;
      }
      out.append(isObject() ? '{' : '[');
      for (int i = 0; i < children.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        if (isObject()) {
          out.append(names.get(i)).append(':');
        }
        children.get(i).write(out);
      }
      out.append(isObject() ? '}' : ']');
    }

    /** Every (container, index) pair, depth first. */
    void slots(List<Node> containers, List<Integer> indexes) {
      if (raw != null) {
        return;
      }
      for (int i = 0; i < children.size(); i++) {
        containers.add(this);
        indexes.add(i);
        children.get(i).slots(containers, indexes);
      }
    }
  }

  /** Applies the edit to {@code root}, which it changes in place. */
  void apply(Node root) {
    List<Node> containers = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    root.slots(containers, indexes);
    if (containers.isEmpty()) {
      root.children.add(hostile());
      if (root.isObject()) {
        root.names.add(newName());
      }
      return;
    }
    int pick = slot % containers.size();
    Node container = containers.get(pick);
    int i = indexes.get(pick);
    switch (kind) {
      case REPLACE -> container.children.set(i, hostile());
      case REMOVE -> {
        container.children.remove(i);
        if (container.isObject()) {
          container.names.remove(i);
        }
      }
      case DUPLICATE -> {
        container.children.add(i + 1, container.children.get(i).copy());
        if (container.isObject()) {
          container.names.add(i + 1, container.names.get(i));
        }
      }
      case ADD -> {
        container.children.add(i, hostile());
        if (container.isObject()) {
          container.names.add(i, newName());
        }
      }
      case RENAME -> {
        if (container.isObject()) {
          container.names.set(i, newName());
        } else {
          container.children.set(i, hostile());
        }
      }
      case NEST -> {
        String raw = new String(container.children.get(i).write(), UTF_8);
        int depth = 1 + value % 20;
        String open = name % 2 == 0 ? "[" : "{\"n\":";
        String close = name % 2 == 0 ? "]" : "}";
        container.children.set(i, Node.raw(open.repeat(depth) + raw + close.repeat(depth)));
      }
      case COPY_FROM -> {
        int from = value % containers.size();
        Node source = containers.get(from).children.get(indexes.get(from));
        container.children.set(i, source.copy());
      }
      case SPLICE_INTO_STRING -> {
        Node target = container.children.get(i);
        if (target.raw != null && target.raw.length() >= 2 && target.raw.startsWith("\"")) {
          int at = 1 + name % (target.raw.length() - 1);
          String fragment = FRAGMENTS.get(value % FRAGMENTS.size());
          container.children.set(
              i, Node.raw(target.raw.substring(0, at) + fragment + target.raw.substring(at)));
        } else {
          container.children.set(i, hostile());
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private Node hostile() {
    return Node.raw(VALUES.get(value % VALUES.size()));
  }

  private String newName() {
    return "\"" + NAMES.get(name % NAMES.size()) + "\"";
  }

  private static String quoted(Object text) {
    return "\"" + text + "\"";
  }

  private static String manyEntries(int count) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
    }
    return out.append('}').toString();
  }
}
