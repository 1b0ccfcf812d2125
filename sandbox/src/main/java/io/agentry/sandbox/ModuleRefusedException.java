package io.agentry.sandbox;

/**
 * A binary that the sandbox will not run, found by the checks that the registry applies at upload
 * and the executor applies before a run. The message is a sentence a person can act on; the
 * subclass says what failed: the registry answers each with 422 {@code invalid-wasm} (413 {@code
 * binary-too-large} for {@link ModuleTooLargeException}), the executor ends the task FAILED with
 * the message.
 */
public abstract sealed class ModuleRefusedException extends RuntimeException
    permits NotWasmException,
        ComponentModuleException,
        MalformedModuleException,
        InvalidModuleException,
        ModuleLimitException,
        UnsupportedFeatureException,
        NotACommandException,
        ModuleTooLargeException {

  ModuleRefusedException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
