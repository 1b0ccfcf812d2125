package io.agentry.sandbox.http;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * How a sandbox makes its agents' requests: the limits per task, whether private destinations are
 * allowed, how host names are resolved and which certificates TLS trusts.
 *
 * @param limits what one task may do
 * @param allowPrivate true to let agents reach loopback, private and other special-purpose
 *     addresses (local development only)
 * @param resolver host names to addresses
 * @param tls the TLS context of https requests (the JVM's default trusts its CA certificates)
 */
public record HttpSettings(
    HttpLimits limits, boolean allowPrivate, HostResolver resolver, SSLContext tls) {

  /**
   * The defaults: limits of docs/contract.md, no private destinations, the system's resolver and
   * CAs.
   */
  public static HttpSettings defaults() {
    return new HttpSettings(HttpLimits.defaults(), false, HostResolver.system(), defaultTls());
  }

  public HttpSettings withLimits(HttpLimits limits) {
    return new HttpSettings(limits, allowPrivate, resolver, tls);
  }

  public HttpSettings withAllowPrivate(boolean allowPrivate) {
    return new HttpSettings(limits, allowPrivate, resolver, tls);
  }

  public HttpSettings withResolver(HostResolver resolver) {
    return new HttpSettings(limits, allowPrivate, resolver, tls);
  }

  public HttpSettings withTls(SSLContext tls) {
    return new HttpSettings(limits, allowPrivate, resolver, tls);
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
  }
}
