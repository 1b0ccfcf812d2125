package io.agentry.sandbox.internal;

import io.agentry.sandbox.http.HttpAbi;
import io.agentry.sandbox.http.HttpImports;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import run.endive.log.SystemLogger;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.Import;
import run.endive.wasm.types.ImportSection;

/**
 * Which host function answers each function a module imports, worked out once per module and
 * holding nothing of any run: a run then makes just those functions, in the module's order, bound
 * to its own state. A run of a module that imports only calls {@link BoundedWasi} answers (most
 * agents: stdin, stdout, arguments, environment, exit) builds no Endive {@code WasiPreview1} at
 * all, and Endive links the few functions it is given instead of searching all of WASI for each
 * import. WASI calls are offered with Endive's own types, so a module importing one with another
 * signature, or a name WASI does not have, fails to link exactly as it would against Endive's WASI.
 * Immutable and thread-safe.
 */
public final class RunImports {

  private static final String WASI = "wasi_snapshot_preview1";

  /** Endive's WASI calls by name, with their types and places in its list of host functions. */
  private static final Map<String, Integer> ENDIVE_INDEX = new HashMap<>();

  private static final Map<String, FunctionType> WASI_TYPES = new HashMap<>();

  static {
    try (WasiPreview1 template =
        WasiPreview1.builder()
            .withLogger(new SystemLogger())
            .withOptions(WasiOptions.builder().build())
            .build()) {
      HostFunction[] functions = template.toHostFunctions();
      for (int i = 0; i < functions.length; i++) {
        ENDIVE_INDEX.put(functions[i].name(), i);
        WASI_TYPES.put(functions[i].name(), functions[i].functionType());
      }
    }
  }

  private enum Source {
    BOUNDED,
    ENDIVE,
    HTTP
  }

  private final String[] names;
  private final Source[] sources;
  private final FunctionType[] types;
  private final boolean needsEndive;
  private final boolean needsHttp;

  private RunImports(String[] names, Source[] sources, FunctionType[] types) {
    this.names = names;
    this.sources = sources;
    this.types = types;
    boolean endive = false;
    boolean http = false;
    for (Source source : sources) {
      endive |= source == Source.ENDIVE;
      http |= source == Source.HTTP;
    }
    this.needsEndive = endive;
    this.needsHttp = http;
  }

  /**
   * The plan for {@code module}'s function imports. Imports no host function answers (another
   * module, a name WASI lacks) are left out, so that linking reports them.
   */
  public static RunImports of(WasmModule module) {
    ImportSection section = module.importSection();
    int count = section.importCount();
    String[] names = new String[count];
    Source[] sources = new Source[count];
    FunctionType[] types = new FunctionType[count];
    int planned = 0;
    for (int i = 0; i < count; i++) {
      Import imported = section.getImport(i);
      if (imported.importType() != ExternalType.FUNCTION || !(imported instanceof FunctionImport)) {
        continue;
      }
      String name = imported.name();
      Source source = null;
      FunctionType type = null;
      if (WASI.equals(imported.module()) && WASI_TYPES.containsKey(name)) {
        source = BoundedWasi.NAMES.contains(name) ? Source.BOUNDED : Source.ENDIVE;
        type = WASI_TYPES.get(name);
      } else if (HttpAbi.MODULE.equals(imported.module()) && HttpAbi.type(name) != null) {
        source = Source.HTTP;
      }
      if (source != null) {
        names[planned] = name;
        sources[planned] = source;
        types[planned] = type;
        planned++;
      }
    }
    return new RunImports(
        Arrays.copyOf(names, planned),
        Arrays.copyOf(sources, planned),
        Arrays.copyOf(types, planned));
  }

  /** True when a run needs Endive's {@code WasiPreview1} for some of the module's imports. */
  public boolean needsEndiveWasi() {
    return needsEndive;
  }

  /**
   * The host functions of one run, in the module's import order.
   *
   * @param endive the run's own Endive WASI functions; asked only when {@link #needsEndiveWasi}
   */
  public HostFunction[] functions(
      BoundedWasi bounded, HttpImports http, Supplier<HostFunction[]> endive) {
    HostFunction[] endiveFunctions = needsEndive ? endive.get() : null;
    HostFunction[] httpFunctions = needsHttp ? http.functions() : null;
    HostFunction[] functions = new HostFunction[names.length];
    for (int i = 0; i < names.length; i++) {
      switch (sources[i]) {
        case BOUNDED:
          functions[i] = new HostFunction(WASI, names[i], types[i], bounded.handle(names[i]));
          break;
        case ENDIVE:
          functions[i] = named(endiveFunctions, ENDIVE_INDEX.get(names[i]), names[i]);
          break;
        case HTTP:
          functions[i] = named(httpFunctions, -1, names[i]);
          break;
      }
    }
    return functions;
  }

  /** The function called {@code name}, looked for at {@code index} first. */
  private static HostFunction named(HostFunction[] functions, int index, String name) {
    if (index >= 0 && index < functions.length && functions[index].name().equals(name)) {
      return functions[index];
    }
    for (HostFunction function : functions) {
      if (function.name().equals(name)) {
        return function;
      }
    }
    throw new IllegalStateException("no host function " + name);
  }
}
