package io.agentry.sandbox.internal;

import io.agentry.sandbox.InvalidModuleException;
import io.agentry.sandbox.MalformedModuleException;
import io.agentry.sandbox.ModuleLimitException;
import io.agentry.sandbox.ModuleLimits;
import io.agentry.sandbox.UnsupportedFeatureException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Reads the counts and lengths a module declares, the way Endive's parser reads them, before the
 * parser does, and refuses a module whose declarations would make the parser allocate or work far
 * beyond the module's own size, or past {@link ModuleLimits}. The parser sizes arrays and lists
 * from these numbers before it reads the elements: a 20-byte upload declaring a 2 GiB name, data
 * segment or parameter list would otherwise cost an {@link OutOfMemoryError} (a 500, and memory
 * taken from every other request).
 *
 * <p>Refused: a name, data segment, vector or list of elements declared longer than the bytes left
 * in its section (every element takes at least one byte, so no valid module does this); a function
 * with more than {@value #MAX_FUNCTION_LOCALS} locals in all (Endive's own limit, which it applies
 * to each run of locals only); more locals in a module than {@value #MAX_FUNCTION_LOCALS} plus
 * {@value #LOCALS_PER_CODE_BYTE} per byte of code; a constant expression with an instruction that
 * is not constant (invalid anyway); and a {@code name} section whose indexes are not in increasing
 * order (the format requires it; the parser inserts them one by one, quadratic in their number).
 *
 * <p>Also refused here, before the parser builds anything: more than {@value
 * ModuleLimits#MAX_SECTIONS} sections, more than {@value ModuleLimits#MAX_FUNCTIONS} function
 * bodies, a body over {@value ModuleLimits#MAX_FUNCTION_BODY_BYTES} bytes, and struct or array
 * types (the GC proposal, whose objects the sandbox cannot count against a run's memory limit).
 *
 * <p>Where the bytes cannot be read as the parser reads them, this check stops and leaves the
 * refusal to the parser, which stops at the same place: this check is never stricter than the
 * parser about encodings, so the parser never reads past a point this check did not reach.
 */
public final class DeclaredSizes {

  private static final int MAX_FUNCTION_LOCALS = ModuleLimits.MAX_FUNCTION_LOCALS;
  private static final int LOCALS_PER_CODE_BYTE = ModuleLimits.LOCALS_PER_CODE_BYTE;

  private static final byte[] VERSION_1 = {1, 0, 0, 0};
  private static final byte[] NAME_SECTION = "name".getBytes(StandardCharsets.US_ASCII);

  /** The parser would refuse these bytes itself, at this place. */
  private static final class Unreadable extends RuntimeException {
    private static final Unreadable INSTANCE = new Unreadable();

    private Unreadable() {
      super(null, null, false, false);
    }
  }

  private final byte[] bytes;
  private int position;
  private int limit;
  private int sections;
  private long codeBytes;

  private DeclaredSizes(byte[] bytes) {
    this.bytes = bytes;
    this.limit = bytes.length;
  }

  /**
   * Checks what {@code module} declares and returns the size of its code section in bytes (what
   * parsing it costs grows with it).
   *
   * @throws io.agentry.sandbox.ModuleRefusedException if it declares more than it holds, or past
   *     the limits
   */
  public static long check(byte[] module) {
    DeclaredSizes reader = new DeclaredSizes(module);
    try {
      reader.module();
    } catch (Unreadable e) {
      // The parser refuses the module where this check stopped, before it allocates anything more.
    }
    return reader.codeBytes;
  }

  private void module() {
    skip(8);
    if (!Arrays.equals(bytes, 4, 8, VERSION_1, 0, VERSION_1.length)) {
      throw Unreadable.INSTANCE;
    }
    eachPart(
        id -> {
          if (++sections > ModuleLimits.MAX_SECTIONS) {
            throw new ModuleLimitException(
                "The module has more than " + ModuleLimits.MAX_SECTIONS + " sections.");
          }
          switch (id) {
            case 0 -> customSection();
            case 1 -> typeSection();
            case 2 -> importSection();
            case 7 -> exportSection();
            case 9 -> elementSection();
            case 10 -> codeSection(limit - position);
            case 11 -> dataSection();
            default -> {}
          }
        });
  }

  /**
   * Reads parts framed by an id and a size (sections, name subsections) up to the limit, each read
   * by {@code part} with the limit at the part's end, and continues after each part's end.
   */
  private void eachPart(IntConsumer part) {
    while (position < limit) {
      int id = u8();
      long size = u32();
      if (size > limit - position) {
        throw Unreadable.INSTANCE;
      }
      int end = position + (int) size;
      int outer = limit;
      limit = end;
      part.accept(id);
      limit = outer;
      position = end;
    }
  }

  private void customSection() {
    int length = name("a custom section's name");
    boolean isNameSection =
        Arrays.equals(bytes, position - length, position, NAME_SECTION, 0, NAME_SECTION.length);
    if (isNameSection) {
      nameSection();
    }
  }

  /** The subsections of the {@code name} custom section, as Endive's parser of it reads them. */
  private void nameSection() {
    eachPart(
        id -> {
          switch (id) {
            case 0 -> name("the module's name");
            case 1, 5, 6, 7, 8, 9, 11 -> nameMap();
            case 2, 3 -> indirectNameMap();
            default -> {}
          }
        });
  }

  private void nameMap() {
    long count = count("names in the name section");
    long previous = -1;
    for (long i = 0; i < count; i++) {
      previous = increasing(u32(), previous);
      name("a name in the name section");
    }
  }

  private void indirectNameMap() {
    long groups = count("groups of names in the name section");
    long previousGroup = -1;
    for (long g = 0; g < groups; g++) {
      previousGroup = increasing(u32(), previousGroup);
      nameMap();
    }
  }

  private static long increasing(long index, long previous) {
    if (index <= previous) {
      throw malformed("its name section lists indexes out of increasing order");
    }
    return index;
  }

  private void typeSection() {
    long count = count("types");
    for (long i = 0; i < count; i++) {
      long form = u32();
      if (form == 0x4E) {
        long subtypes = count("types in a recursive group");
        for (long s = 0; s < subtypes; s++) {
          subType(u32());
        }
      } else {
        subType(form);
      }
    }
  }

  private void subType(long form) {
    if (form == 0x50 || form == 0x4F) {
      long supertypes = count("supertypes");
      for (long s = 0; s < supertypes; s++) {
        u32();
      }
      compositeType(u32());
    } else {
      compositeType(form);
    }
  }

  private void compositeType(long form) {
    if (form == 0x5E || form == 0x5F) {
      throw new UnsupportedFeatureException(
          "The module declares "
              + (form == 0x5E ? "an array" : "a struct")
              + " type of the GC proposal; agents cannot use GC objects, whose memory the"
              + " sandbox cannot count against the task's limit.");
    } else if (form == 0x60) {
      long params = count("function parameters");
      for (long p = 0; p < params; p++) {
        valueType();
      }
      long results = count("function results");
      for (long r = 0; r < results; r++) {
        valueType();
      }
    } else {
      throw Unreadable.INSTANCE;
    }
  }

  private void valueType() {
    valueType(u32());
  }

  private void valueType(long type) {
    if (type == 0x63 || type == 0x64) {
      s32();
    }
  }

  private void importSection() {
    long count = count("imports");
    for (long i = 0; i < count; i++) {
      name("an import's module name");
      name("an import's name");
      long kind = u32();
      if (kind == 0) {
        u32();
      } else if (kind == 1) {
        valueType();
        limits();
      } else if (kind == 2) {
        limits();
      } else if (kind == 3) {
        valueType();
        u8();
      } else if (kind == 4) {
        u8();
        u32();
      } else {
        throw Unreadable.INSTANCE;
      }
    }
  }

  /** A table's or memory's limits: a flags byte, the minimum and, with flags 1 or 3, a maximum. */
  private void limits() {
    int flags = u8();
    u32();
    if (flags == 0x01 || flags == 0x03) {
      u32();
    } else if (flags != 0x00) {
      throw Unreadable.INSTANCE;
    }
  }

  private void exportSection() {
    long count = count("exports");
    for (long i = 0; i < count; i++) {
      name("an export's name");
      u32();
      u32();
    }
  }

  private void elementSection() {
    long count = count("element segments");
    for (long i = 0; i < count; i++) {
      int flags = (int) u32();
      boolean active = (flags & 0b001) == 0;
      boolean hasTableIndex = active && (flags & 0b010) != 0;
      boolean alwaysFuncRef = active && !hasTableIndex;
      boolean expressions = (flags & 0b100) != 0;
      if (active) {
        if (hasTableIndex) {
          u32();
        }
        constantExpression();
      }
      if (!alwaysFuncRef) {
        if (expressions) {
          valueType();
        } else {
          u32();
        }
      }
      long initializers = count("element initializers");
      for (long e = 0; e < initializers; e++) {
        if (expressions) {
          constantExpression();
        } else {
          u32();
        }
      }
    }
  }

  private void dataSection() {
    long count = count("data segments");
    for (long i = 0; i < count; i++) {
      long mode = u32();
      if (mode == 2) {
        u32();
      }
      if (mode == 0 || mode == 2) {
        constantExpression();
      } else if (mode != 1) {
        throw Unreadable.INSTANCE;
      }
      skip(length("a data segment"));
    }
  }

  private void codeSection(int sectionSize) {
    codeBytes = sectionSize;
    long functions = count("function bodies");
    if (functions > ModuleLimits.MAX_FUNCTIONS) {
      throw new ModuleLimitException(
          "The module defines "
              + functions
              + " functions; an agent may define at most "
              + ModuleLimits.MAX_FUNCTIONS
              + ".");
    }
    long budget = MAX_FUNCTION_LOCALS + (long) LOCALS_PER_CODE_BYTE * sectionSize;
    long moduleLocals = 0;
    for (long f = 0; f < functions; f++) {
      long bodySize = u32();
      if (bodySize > ModuleLimits.MAX_FUNCTION_BODY_BYTES) {
        throw new ModuleLimitException(
            "The module's function body "
                + f
                + " is "
                + bodySize
                + " bytes; a function body may be at most "
                + ModuleLimits.MAX_FUNCTION_BODY_BYTES
                + " bytes.");
      }
      long declaredEnd = bodySize + position;
      long runs = u32();
      long functionLocals = 0;
      for (long r = 0; r < runs; r++) {
        long locals = u32();
        if (locals > MAX_FUNCTION_LOCALS) {
          throw Unreadable.INSTANCE;
        }
        valueType();
        functionLocals += locals;
        if (functionLocals > MAX_FUNCTION_LOCALS) {
          throw new ModuleLimitException(
              "The module is malformed: function body "
                  + f
                  + " declares more than "
                  + MAX_FUNCTION_LOCALS
                  + " locals.");
        }
      }
      moduleLocals += functionLocals;
      if (moduleLocals > budget) {
        throw limit(
            "its functions declare more than "
                + budget
                + " locals in all ("
                + LOCALS_PER_CODE_BYTE
                + " per byte of code)");
      }
      if (position >= declaredEnd) {
        // The parser reads one instruction, which must be the body's end, and carries on there.
        if (u8() != 0x0B) {
          throw Unreadable.INSTANCE;
        }
      } else if (declaredEnd > limit) {
        throw Unreadable.INSTANCE;
      } else {
        position = (int) declaredEnd;
      }
    }
  }

  /** Skips a constant expression up to its {@code end}; any other instruction is invalid there. */
  private void constantExpression() {
    while (true) {
      int op = u8();
      switch (op) {
        case 0x0B -> {
          return;
        }
        case 0x41, 0xD0 -> s32();
        case 0x42 -> s64();
        case 0x43 -> skip(4);
        case 0x44 -> skip(8);
        case 0x23, 0xD2 -> u32();
        case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {}
        case 0xFD -> {
          if (u32() != 0x0C) {
            throw notConstant();
          }
          skip(16);
        }
        case 0xFB -> {
          long gc = u32();
          if (gc == 0x00 || gc == 0x01 || gc == 0x06 || gc == 0x07) {
            u32();
          } else if (gc == 0x08) {
            u32();
            u32();
          } else if (gc != 0x1A && gc != 0x1B && gc != 0x1C) {
            throw notConstant();
          }
        }
        default -> throw notConstant();
      }
    }
  }

  /** A vector's length: at most the bytes left, as each element takes at least one. */
  private long count(String what) {
    long count = u32();
    if (count > limit - position) {
      throw tooLarge(what, count, "entries");
    }
    return count;
  }

  /** A byte length: at most the bytes left. */
  private int length(String what) {
    long length = u32();
    if (length > limit - position) {
      throw tooLarge(what, length, "bytes");
    }
    return (int) length;
  }

  /** Skips a name and returns its length. */
  private int name(String what) {
    int length = length(what);
    skip(length);
    return length;
  }

  private MalformedModuleException tooLarge(String what, long declared, String unit) {
    String declaration =
        unit.equals("bytes") ? what + " of " + declared + " bytes" : declared + " " + what;
    return malformed(
        "it declares " + declaration + ", but only " + (limit - position) + " bytes are left");
  }

  private static MalformedModuleException malformed(String why) {
    return new MalformedModuleException("The module is malformed: " + why + ".");
  }

  private static ModuleLimitException limit(String why) {
    return new ModuleLimitException("The module is malformed: " + why + ".");
  }

  private static InvalidModuleException notConstant() {
    return new InvalidModuleException(
        "The module is invalid: a constant expression holds an instruction that is not constant.");
  }

  private int u8() {
    if (position >= limit) {
      throw Unreadable.INSTANCE;
    }
    return bytes[position++] & 0xFF;
  }

  private void skip(int count) {
    if (count > limit - position) {
      throw Unreadable.INSTANCE;
    }
    position += count;
  }

  /** An unsigned LEB128 of at most 5 bytes and 32 bits, as the parser reads it. */
  private long u32() {
    long result = 0;
    for (int i = 1; ; i++) {
      int b = u8();
      result |= (long) (b & 0x7F) << (7 * (i - 1));
      if ((b & 0x80) == 0) {
        break;
      }
      if (i >= 5 || position >= limit) {
        throw Unreadable.INSTANCE;
      }
    }
    if (result > 0xFFFFFFFFL) {
      throw Unreadable.INSTANCE;
    }
    return result;
  }

  private void s32() {
    signed(5);
  }

  private void s64() {
    signed(10);
  }

  /** Skips a signed LEB128 of at most {@code maxBytes}, as the parser reads it. */
  private void signed(int maxBytes) {
    for (int i = 1; ; i++) {
      int b = u8();
      if ((b & 0x80) == 0) {
        return;
      }
      if (i >= maxBytes) {
        throw Unreadable.INSTANCE;
      }
    }
  }
}
