package io.agentry.gateway.proxy;

/** A downstream service that owns part of the public API. */
public enum Service {
  REGISTRY("registry service"),
  RESULTS("results service");

  private final String displayName;

  Service(String displayName) {
    this.displayName = displayName;
  }

  /** How problems name the service. */
  public String displayName() {
    return displayName;
  }
}
