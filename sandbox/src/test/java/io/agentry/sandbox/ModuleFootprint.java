package io.agentry.sandbox;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a module costs the host, per byte of its binary: the heap its parsed form holds (what
 * validating an upload costs) and the heap and metaspace a compiled {@link PreparedModule} holds
 * (what the executor's module cache keeps). A {@code main}, not a test: {@code java -cp <sandbox
 * test classpath> io.agentry.sandbox.ModuleFootprint [files...]}; with no files, the committed
 * sample agents and a generated module of 1,000,000 {@code nop}s. Numbers in docs/performance.md.
 */
public final class ModuleFootprint {

  /** Copies of each module kept at once: together at least 32 MB, so that GC noise is small. */
  private static final long TOTAL_BYTES = 32L * 1024 * 1024;

  private static final Sandbox SANDBOX = new Sandbox(1024);

  private ModuleFootprint() {}

  public static void main(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> modules = new ArrayList<>();
    if (args.length == 0) {
      for (String sample : List.of(SampleAgents.UPPERCASE, SampleAgents.SHA256)) {
        names.add(sample);
        modules.add(SampleAgents.wasm(sample));
      }
      names.add("1,000,000 nops");
      modules.add(nops(1_000_000));
    } else {
      for (String file : args) {
        names.add(file);
        modules.add(Files.readAllBytes(Path.of(file)));
      }
    }
    System.out.println(
        "| module | bytes | parse heap/byte | compiled heap/byte | metaspace/byte |");
    System.out.println("|---|---|---|---|---|");
    for (int i = 0; i < modules.size(); i++) {
      byte[] module = modules.get(i);
      double parsed = perByte(module, () -> ModuleInspector.agent(module), false)[0];
      double[] compiled = perByte(module, () -> ranOnce(PreparedModule.prepare(module)), true);
      System.out.printf(
          "| %s | %,d | %.0f | %.0f | %.0f |%n",
          names.get(i), module.length, parsed, compiled[0], compiled[1]);
    }
  }

  /** Heap (and metaspace) held by {@link #COPIES} results of {@code make}, per byte of module. */
  private static double[] perByte(
      byte[] module, java.util.function.Supplier<Object> make, boolean withClasses) {
    int copies = (int) Math.max(4, TOTAL_BYTES / module.length);
    List<Object> kept = new ArrayList<>();
    make.get(); // classes of the engine itself, loaded once
    long heapBefore = heapAfterGc();
    long metaBefore = metaspace();
    for (int c = 0; c < copies; c++) {
      kept.add(make.get());
    }
    long heap = heapAfterGc() - heapBefore;
    long meta = metaspace() - metaBefore;
    if (kept.size() != copies) {
      throw new IllegalStateException();
    }
    double bytes = (double) module.length * copies;
    return new double[] {heap / bytes, withClasses ? meta / bytes : 0};
  }

  /** The module after one run, so that its compiled classes are loaded and initialised. */
  private static PreparedModule ranOnce(PreparedModule module) {
    SANDBOX.run(module, new RunRequest(new byte[0], List.of("m"), java.util.Map.of(), 60_000, 64));
    return module;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long metaspace() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Metaspace") || pool.getName().contains("Class Space")) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  /** A command module whose one function is {@code size} bytes of {@code nop}. */
  static byte[] nops(int size) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x00);
    for (int i = 0; i < size; i++) {
      body.write(0x01);
    }
    body.write(0x0B);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00});
    out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00});
    out.writeBytes(new byte[] {0x05, 0x03, 0x01, 0x00, 0x01});
    byte[] exports = "\u0002\u0006_start\u0000\u0000\u0006memory\u0002\u0000".getBytes();
    out.write(0x07);
    out.write(exports.length);
    out.writeBytes(exports);
    byte[] bodyBytes = body.toByteArray();
    byte[] bodySize = leb(bodyBytes.length);
    byte[] section = concat(new byte[] {0x01}, bodySize, bodyBytes);
    out.write(0x0A);
    out.writeBytes(leb(section.length));
    out.writeBytes(section);
    return out.toByteArray();
  }

  private static byte[] leb(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (value & 0x7F);
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
