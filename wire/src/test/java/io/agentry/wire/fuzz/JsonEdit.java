package io.agentry.wire.fuzz;

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
 * One structure-aware change to a valid JSON document: a member or element (a "slot", counted
 * depth-first over the whole document, nested objects and arrays included) is replaced by a hostile
 * value, removed, duplicated, renamed, nested deeply, copied over from another slot, or has a
 * hostile fragment spliced into its string. The hostile values and member names come from lists the
 * caller gives (those of task records, those of request bodies). Indexes are taken modulo what is
 * there, so any edit applies to any document.
 */
public record JsonEdit(Kind kind, int slot, int value, int name) {

  public enum Kind {
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
  public static JsonEdit random(SplittableRandom random) {
    return new JsonEdit(
        KINDS[random.nextInt(KINDS.length)],
        random.nextInt(4096),
        random.nextInt(4096),
        random.nextInt(4096));
  }

  /** A JSON value as written: a raw scalar, or an object or array whose parts can be edited. */
  public static final class Node {
    final String raw;
    final List<String> names;
    final List<Node> children;

    private Node(String raw, List<String> names, List<Node> children) {
      this.raw = raw;
      this.names = names;
      this.children = children;
    }

    public static Node of(byte[] json) {
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

    public Node copy() {
      if (raw != null) {
        return this;
      }
      List<Node> copies = new ArrayList<>(children.size());
      children.forEach(child -> copies.add(child.copy()));
      return new Node(null, names == null ? null : new ArrayList<>(names), copies);
    }

    public byte[] write() {
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

  /**
   * Applies the edit to {@code root}, which it changes in place; a hostile value is one of {@code
   * values} (raw JSON), a new member name one of {@code names} (unquoted, escapes as written).
   */
  public void apply(Node root, List<String> values, List<String> names) {
    List<Node> containers = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    root.slots(containers, indexes);
    if (containers.isEmpty()) {
      root.children.add(hostile(values));
      if (root.isObject()) {
        root.names.add(newName(names));
      }
      return;
    }
    int pick = slot % containers.size();
    Node container = containers.get(pick);
    int i = indexes.get(pick);
    switch (kind) {
      case REPLACE -> container.children.set(i, hostile(values));
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
        container.children.add(i, hostile(values));
        if (container.isObject()) {
          container.names.add(i, newName(names));
        }
      }
      case RENAME -> {
        if (container.isObject()) {
          container.names.set(i, newName(names));
        } else {
          container.children.set(i, hostile(values));
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
          container.children.set(i, hostile(values));
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private Node hostile(List<String> values) {
    return Node.raw(values.get(value % values.size()));
  }

  private String newName(List<String> names) {
    return "\"" + names.get(name % names.size()) + "\"";
  }
}
