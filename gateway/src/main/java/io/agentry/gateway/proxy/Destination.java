package io.agentry.gateway.proxy;

/**
 * Where a public request goes.
 *
 * @param service the service that owns the path, or null for the gateway's own endpoints and for
 *     paths that nothing serves
 * @param servedHere true for the gateway's own endpoints (task submission and cancellation)
 * @param needsCaller false only for registration and login, which pass through unauthenticated
 */
public record Destination(Service service, boolean servedHere, boolean needsCaller) {

  static final Destination GATEWAY = new Destination(null, true, true);
  static final Destination NOWHERE = new Destination(null, false, false);

  static Destination proxied(Service service) {
    return new Destination(service, false, true);
  }

  static Destination anonymous(Service service) {
    return new Destination(service, false, false);
  }

  /** True when no route serves the path. */
  public boolean isNowhere() {
    return service == null && !servedHere;
  }
}
