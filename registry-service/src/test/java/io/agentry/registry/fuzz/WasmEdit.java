package io.agentry.registry.fuzz;

import static io.agentry.wire.fuzz.ByteEdit.bytes;

import io.agentry.wire.fuzz.ByteEdit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One section-aware change to a valid module: the module is split into its sections, and one of
 * them is edited inside (its size is then written anew, so the edit reaches the section's own
 * parser instead of breaking the framing), dropped, duplicated, moved, given another id or a wrong
 * size, or has a huge count spliced in. Indexes are taken modulo what is there.
 */
public record WasmEdit(Kind kind, int section, int value, ByteEdit inside) {

  public enum Kind {
    EDIT_INSIDE,
    HUGE_COUNT_INSIDE,
    DROP,
    DUPLICATE,
    MOVE,
    CHANGE_ID,
    WRONG_SIZE
  }

  /**
   * LEB128 numbers that parsers size things by: near 2^31, 2^32, Endive's limits, and long forms.
   */
  public static final List<byte[]> NUMBERS =
      List.of(
          bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07),
          bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F),
          bytes(0x80, 0x80, 0x80, 0x80, 0x08),
          bytes(0xF0, 0xFF, 0xFF, 0xFF, 0x07),
          bytes(0xFF, 0xFF, 0xFF, 0x3F),
          bytes(0x80, 0x80, 0x80, 0x10),
          bytes(0x80, 0x80, 0x04),
          bytes(0xD0, 0x86, 0x03),
          bytes(0xD1, 0x86, 0x03),
          bytes(0xE8, 0x07),
          bytes(0x80, 0x01),
          bytes(0x7F),
          bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00),
          bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
          bytes(0x80, 0x00));

  /** Tokens for byte edits of modules: the numbers above, opcodes, type codes and section heads. */
  public static final List<byte[]> TOKENS = tokens();

  private static List<byte[]> tokens() {
    List<byte[]> tokens = new ArrayList<>(NUMBERS);
    for (int b :
        new int[] {
          0x00, 0x01, 0x02, 0x03, 0x04, 0x0B, 0x0E, 0x10, 0x11, 0x1A, 0x20, 0x23, 0x41, 0x42, 0x43,
          0x44, 0x4E, 0x4F, 0x50, 0x5E, 0x5F, 0x60, 0x63, 0x64, 0x6F, 0x70, 0x77, 0x78, 0x7B, 0x7F,
          0xD0, 0xD2, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF
        }) {
      tokens.add(bytes(b));
    }
    tokens.add(bytes(0x02, 0x40));
    tokens.add(bytes(0x03, 0x40));
    tokens.add(bytes(0x0E, 0x02, 0x00, 0x00, 0x00));
    tokens.add(bytes(0xFD, 0x0C));
    tokens.add(bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00));
    tokens.add(bytes(0x00, 0x05, 0x04, 'n', 'a', 'm', 'e'));
    tokens.add("wasi_snapshot_preview1".getBytes(StandardCharsets.US_ASCII));
    tokens.add("_start".getBytes(StandardCharsets.US_ASCII));
    tokens.add("memory".getBytes(StandardCharsets.US_ASCII));
    tokens.add(bytes(0xC0, 0xAF));
    tokens.add(bytes(0xED, 0xA0, 0x80));
    return List.copyOf(tokens);
  }

  private static final Kind[] KINDS = Kind.values();

  /** Any edit: a kind, a section index below 256, a value below 4096 and a byte edit. */
  public static WasmEdit random(SplittableRandom random) {
    return new WasmEdit(
        KINDS[random.nextInt(KINDS.length)],
        random.nextInt(256),
        random.nextInt(4096),
        ByteEdit.random(random));
  }

  /** A module as its sections: id and content. */
  public record Section(int id, byte[] content) {}

  /** Splits a module into sections; its 8-byte header is implied. */
  public static List<Section> sections(byte[] module) {
    List<Section> sections = new ArrayList<>();
    int[] at = {8};
    while (at[0] < module.length) {
      int id = module[at[0]++] & 0xFF;
      long size = leb(module, at);
      if (size > module.length - at[0]) {
        throw new IllegalArgumentException("a section runs past the end of the module");
      }
      byte[] content = new byte[(int) size];
      System.arraycopy(module, at[0], content, 0, content.length);
      at[0] += content.length;
      sections.add(new Section(id, content));
    }
    return sections;
  }

  /** Applies the edit to a copy of {@code sections} and writes the module. */
  public byte[] apply(List<Section> sections) {
    List<Section> edited = new ArrayList<>(sections);
    int wrongSize = -1;
    int delta = 0;
    if (!edited.isEmpty()) {
      int i = section % edited.size();
      Section target = edited.get(i);
      switch (kind) {
        case EDIT_INSIDE ->
            edited.set(i, new Section(target.id(), inside.apply(target.content(), TOKENS)));
        case HUGE_COUNT_INSIDE -> {
          byte[] number = NUMBERS.get(value % NUMBERS.size());
          int at = inside.at() % (target.content().length + 1);
          int removed = value % 2 == 0 ? 0 : Math.min(1, target.content().length - at);
          edited.set(
              i, new Section(target.id(), ByteEdit.splice(target.content(), at, removed, number)));
        }
        case DROP -> edited.remove(i);
        case DUPLICATE -> edited.add(i, target);
        case MOVE -> edited.add(value % edited.size(), edited.remove(i));
        case CHANGE_ID -> edited.set(i, new Section(value % 16, target.content()));
        case WRONG_SIZE -> {
          wrongSize = i;
          delta = (value % 9) - 4 == 0 ? 5 : (value % 9) - 4;
        }
        default -> throw new IllegalStateException(kind.toString());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00));
    for (int i = 0; i < edited.size(); i++) {
      Section s = edited.get(i);
      out.write(s.id());
      writeLeb(out, Math.max(0, s.content().length + (i == wrongSize ? delta : 0)));
      out.writeBytes(s.content());
    }
    return out.toByteArray();
  }

  private static long leb(byte[] bytes, int[] at) {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = bytes[at[0]++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private static void writeLeb(ByteArrayOutputStream out, long value) {
    long remaining = value;
    do {
      int b = (int) (remaining & 0x7F);
      remaining >>>= 7;
      out.write(remaining == 0 ? b : b | 0x80);
    } while (remaining != 0);
  }
}
