package io.agentry.gateway.security;

import io.vertx.ext.web.RoutingContext;

/** Where the authenticated caller of a request is kept while the request is served. */
public final class CallerContext {

  private static final String KEY = "agentry.caller";

  private CallerContext() {}

  public static void set(RoutingContext context, Caller caller) {
    context.put(KEY, caller);
  }

  /** The caller; the gateway's routes authenticate every request before its endpoint runs. */
  public static Caller get(RoutingContext context) {
    Caller caller = context.get(KEY);
    if (caller == null) {
      throw Authenticator.missing();
    }
    return caller;
  }
}
