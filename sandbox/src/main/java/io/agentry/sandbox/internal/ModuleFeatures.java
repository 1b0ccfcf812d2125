package io.agentry.sandbox.internal;

import io.agentry.sandbox.ModuleLimits;
import io.agentry.sandbox.UnsupportedFeatureException;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionBody;
import run.endive.wasm.types.MemorySection;

/**
 * Refuses, in a parsed module, what the sandbox cannot count against a run's memory limit: more
 * than one memory, more than one table, a table of more than {@value
 * ModuleLimits#MAX_TABLE_ENTRIES} entries, and the GC proposal's instructions (its types are
 * refused before parsing, by {@link DeclaredSizes}).
 */
public final class ModuleFeatures {

  private static final int GC_PREFIX = 0xFB;

  private ModuleFeatures() {}

  /**
   * @throws UnsupportedFeatureException naming the feature and the limit
   */
  public static void check(WasmModule module) {
    int memories =
        module.memorySection().map(MemorySection::memoryCount).orElse(0)
            + imports(module, ExternalType.MEMORY);
    if (memories > ModuleLimits.MAX_MEMORIES) {
      throw new UnsupportedFeatureException(
          "The module has "
              + memories
              + " memories; an agent may have at most "
              + ModuleLimits.MAX_MEMORIES
              + " (the task's memory limit applies to one linear memory).");
    }
    int tables = module.tableSection().tableCount() + imports(module, ExternalType.TABLE);
    if (tables > ModuleLimits.MAX_TABLES) {
      throw new UnsupportedFeatureException(
          "The module has "
              + tables
              + " tables; an agent may have at most "
              + ModuleLimits.MAX_TABLES
              + ".");
    }
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      long entries = module.tableSection().getTable(i).limits().min();
      if (entries > ModuleLimits.MAX_TABLE_ENTRIES) {
        throw new UnsupportedFeatureException(
            "The module declares a table of "
                + entries
                + " entries; a table may hold at most "
                + ModuleLimits.MAX_TABLE_ENTRIES
                + " entries.");
      }
    }
    FunctionBody[] bodies = module.codeSection().functionBodies();
    for (int f = 0; f < bodies.length; f++) {
      for (AnnotatedInstruction instruction : bodies[f].instructions()) {
        if (instruction.opcode().opcode() >>> 8 == GC_PREFIX) {
          throw new UnsupportedFeatureException(
              "The module's function "
                  + f
                  + " uses "
                  + instruction.opcode().name().toLowerCase(java.util.Locale.ROOT)
                  + ", an instruction of the GC proposal; agents cannot use GC objects, whose"
                  + " memory the sandbox cannot count against the task's limit.");
        }
      }
    }
  }

  private static int imports(WasmModule module, ExternalType type) {
    int count = 0;
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i).importType() == type) {
        count++;
      }
    }
    return count;
  }
}
