package io.agentry.sandbox;

import io.agentry.sandbox.internal.TableCap;
import java.util.Map;
import java.util.function.Function;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.runtime.Memory;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.MemorySection;
import run.endive.wasm.types.Table;
import run.endive.wasm.types.TableLimits;

/**
 * A parsed, validated and compiled agent: thread-safe, shared by every run of the same binary. Each
 * run gets a fresh {@link Instance} from it.
 */
public final class PreparedModule {

  /**
   * Heap and metaspace a compiled module holds per byte of its binary, the largest measured with
   * {@code ModuleFootprint} (docs/performance.md): the parsed instructions dominate.
   */
  public static final int FOOTPRINT_PER_BINARY_BYTE = 64;

  private static final System.Logger LOG = System.getLogger(PreparedModule.class.getName());

  private final WasmModule module;
  private final Function<Instance, Machine> machineFactory;
  private final int initialPages;
  private final long sizeBytes;
  private final Map<Table, TableLimits> tables;

  private PreparedModule(
      WasmModule module, Function<Instance, Machine> machineFactory, long sizeBytes) {
    this.module = module;
    this.machineFactory = machineFactory;
    this.initialPages = initialPages(module);
    this.sizeBytes = sizeBytes;
    this.tables = TableCap.declaredLimits(module);
  }

  /**
   * Parses and compiles a binary. When the compiler cannot handle the module, it runs in Endive's
   * interpreter instead (100-300 times slower, but correct).
   *
   * @throws ModuleRefusedException when the bytes are not an agent the sandbox runs (the checks of
   *     {@link ModuleInspector})
   */
  public static PreparedModule prepare(byte[] wasm) {
    WasmModule module = parse(wasm);
    return new PreparedModule(module, compile(module), wasm.length);
  }

  /**
   * Parses a binary without compiling it: it runs in Endive's interpreter. For comparisons only;
   * the executor always compiles.
   *
   * @throws ModuleRefusedException when the bytes are not an agent the sandbox runs
   */
  public static PreparedModule interpret(byte[] wasm) {
    WasmModule module = parse(wasm);
    return new PreparedModule(module, null, wasm.length);
  }

  private static WasmModule parse(byte[] wasm) {
    return ModuleInspector.agent(wasm);
  }

  /** True when the module runs compiled, false when it fell back to the interpreter. */
  public boolean compiled() {
    return machineFactory != null;
  }

  /** The size of the binary it came from. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** The heap and metaspace it holds, estimated: what the module cache weighs it by. */
  public long footprintBytes() {
    return sizeBytes * FOOTPRINT_PER_BINARY_BYTE;
  }

  /** The largest initial size its memories declare, in 64 KiB pages. */
  int initialPages() {
    return initialPages;
  }

  /** The most bytes its tables may cost the host: a run's memory limit counts them. */
  long reservedTableBytes() {
    return TableCap.reservedBytes(tables);
  }

  /** A table factory for one run of this module. */
  TableCap tableCap() {
    return TableCap.forRun(tables);
  }

  /** A fresh instance whose {@code _start} has not run yet. */
  Instance instantiate(
      ImportValues imports, Function<MemoryLimits, Memory> memoryFactory, TableCap tableCap) {
    Instance.Builder builder =
        Instance.builder(module)
            .withImportValues(imports)
            .withMemoryFactory(memoryFactory)
            .withTableFactory(tableCap)
            .withStart(false);
    if (machineFactory != null) {
      builder.withMachineFactory(machineFactory);
    }
    return builder.build();
  }

  private static Function<Instance, Machine> compile(WasmModule module) {
    try {
      return MachineFactoryCompiler.compile(module);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The compiler refused a module, it will be interpreted: {0}",
          e.toString());
      return null;
    }
  }

  private static int initialPages(WasmModule module) {
    int pages = 0;
    if (module.memorySection().isPresent()) {
      MemorySection memories = module.memorySection().get();
      for (int i = 0; i < memories.memoryCount(); i++) {
        pages = Math.max(pages, memories.getMemory(i).limits().initialPages());
      }
    }
    return pages;
  }
}
