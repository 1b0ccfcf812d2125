package io.agentry.sandbox.internal;

import io.agentry.sandbox.ModuleLimits;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import run.endive.runtime.TableFactory;
import run.endive.runtime.TableInstance;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.Table;
import run.endive.wasm.types.TableLimits;

/**
 * The table factory of one run: each table gets limits of its own, as the module declared them and
 * never above {@value ModuleLimits#MAX_TABLE_ENTRIES} entries, so that {@code table.grow} past that
 * returns -1. Endive's {@code TableInstance.grow} also grows the limits object it was given; with
 * the module's own, a table grown in one run would start larger in every later run of the same
 * cached module (a workaround until Endive gives each instance its own limits). Remembers its
 * tables, so that the run can say how large they grew. Used by one run on one thread.
 */
public final class TableCap implements TableFactory {

  private final Map<Table, TableLimits> declared;
  private final List<TableInstance> made = new ArrayList<>(1);

  private TableCap(Map<Table, TableLimits> declared) {
    this.declared = declared;
  }

  /** The declared limits of {@code module}'s tables, read before any run could grow them. */
  public static Map<Table, TableLimits> declaredLimits(WasmModule module) {
    Map<Table, TableLimits> limits = new IdentityHashMap<>();
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      Table table = module.tableSection().getTable(i);
      limits.put(
          table,
          new TableLimits(
              table.limits().min(),
              Math.min(table.limits().max(), ModuleLimits.MAX_TABLE_ENTRIES)));
    }
    return limits;
  }

  /** The most bytes the tables of these limits may cost the host. */
  public static long reservedBytes(Map<Table, TableLimits> declared) {
    long bytes = 0;
    for (TableLimits limits : declared.values()) {
      bytes += limits.max() * ModuleLimits.TABLE_ENTRY_BYTES;
    }
    return bytes;
  }

  /** A factory for one run. */
  public static TableCap forRun(Map<Table, TableLimits> declared) {
    return new TableCap(declared);
  }

  @Override
  public TableInstance create(Table table, int initValue) {
    TableLimits limits = declared.get(table);
    if (limits == null) {
      throw new IllegalStateException("a table the module did not declare");
    }
    TableInstance instance =
        new TableInstance(
            new Table(
                table.elementType(),
                new TableLimits(limits.min(), limits.max()),
                table.initialize()),
            initValue);
    made.add(instance);
    return instance;
  }

  /** The bytes the run's tables hold now. */
  public long bytes() {
    long bytes = 0;
    for (TableInstance table : made) {
      bytes += (long) table.size() * ModuleLimits.TABLE_ENTRY_BYTES;
    }
    return bytes;
  }
}
