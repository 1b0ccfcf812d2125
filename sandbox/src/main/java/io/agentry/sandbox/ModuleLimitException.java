package io.agentry.sandbox;

/**
 * A module past the sandbox's limits on what validating it may cost: functions, bodies, locals,
 * sections.
 */
public final class ModuleLimitException extends ModuleRefusedException {

  public ModuleLimitException(String message) {
    super(message, null);
  }
}
