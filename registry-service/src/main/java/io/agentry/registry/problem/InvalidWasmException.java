package io.agentry.registry.problem;

/** A 422: the binary is not a WebAssembly module an executor can run; the detail says why. */
public class InvalidWasmException extends RegistryException {

  public InvalidWasmException(String detail) {
    super(ProblemType.INVALID_WASM, detail);
  }
}
