package io.agentry.sandbox.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import run.endive.runtime.WasmInterruptedException;

/**
 * The requests of one run: each origin checked against the agent's permissions, on the first
 * request and on every redirect (followed only within them, at most {@value #MAX_REDIRECTS}); each
 * host resolved and its address checked against the executor's rule for private destinations; the
 * task's request count kept. Used by one run on one thread.
 */
final class OutboundClient {

  /** Redirects followed for one request; the response of one more is given to the module as is. */
  static final int MAX_REDIRECTS = 5;

  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final HttpPermissions permissions;
  private final HttpSettings settings;
  private int requests;

  OutboundClient(HttpPermissions permissions, HttpSettings settings) {
    this.permissions = permissions;
    this.settings = settings;
  }

  /** Requests sent so far, each redirect followed counting as one. */
  int requests() {
    return requests;
  }

  /**
   * Sends the request and follows its redirects within the permitted origins.
   *
   * @throws HttpCallException with the code the module gets
   * @throws WasmInterruptedException when the run's thread is interrupted meanwhile
   */
  OpenResponse send(OutboundRequest request) throws HttpCallException {
    OutboundRequest current = request;
    for (int redirects = 0; ; redirects++) {
      if (!permissions.permits(current.url())) {
        throw new HttpCallException(
            HttpAbi.NOT_PERMITTED,
            "origin " + OutboundRequest.origin(current.url()) + " is not permitted");
      }
      InetAddress address = address(current.url().getHost());
      if (requests >= settings.limits().maxRequests()) {
        throw new HttpCallException(HttpAbi.REQUEST_LIMIT, "the task sent all its requests");
      }
      requests++;
      OpenResponse response = exchange(current, address);
      URI next = redirect(current, response);
      if (next == null || redirects == MAX_REDIRECTS) {
        return response;
      }
      response.close();
      current = current.redirected(next, response.status());
    }
  }

  private OpenResponse exchange(OutboundRequest request, InetAddress address)
      throws HttpCallException {
    try {
      return Exchange.send(request, address, settings.tls(), settings.limits());
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** The location a response redirects to, or null when it is not a redirect to follow. */
  private static URI redirect(OutboundRequest request, OpenResponse response) {
    int status = response.status();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
      return null;
    }
    byte[] location = response.header("location");
    if (location == null) {
      return null;
    }
    try {
      URI next =
          request
              .url()
              .resolve(new URI(new String(location, java.nio.charset.StandardCharsets.ISO_8859_1)));
      OutboundRequest.checkUrl(next.toString());
      return next;
    } catch (URISyntaxException | HttpCallException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The address to connect to: one the executor allows, resolved once and used as it is. */
  private InetAddress address(String host) throws HttpCallException {
    InetAddress[] addresses;
    try {
      if (host.startsWith("[") || IPV4_LITERAL.matcher(host).matches()) {
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        addresses = new InetAddress[] {InetAddress.getByName(literal)};
      } else {
        addresses = settings.resolver().resolve(host);
      }
    } catch (UnknownHostException e) {
      throw new HttpCallException(HttpAbi.CONNECTION_FAILED, "host " + host + " is unknown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WasmInterruptedException("Thread interrupted");
    }
    for (InetAddress address : addresses) {
      if (settings.allowPrivate() || !Destinations.isSpecial(address)) {
        return address;
      }
    }
    throw new HttpCallException(
        HttpAbi.NOT_PERMITTED,
        "host " + host + " resolves only to private or special-purpose addresses");
  }

  /** The code of a failed exchange; an interrupt of the run's thread ends the run instead. */
  static HttpCallException failure(IOException e) {
    if (Thread.currentThread().isInterrupted()) {
      throw new WasmInterruptedException("Thread interrupted");
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return new HttpCallException(HttpAbi.TIMED_OUT, "no answer within the request timeout");
      }
    }
    return new HttpCallException(HttpAbi.CONNECTION_FAILED, "the exchange failed: " + e);
  }
}
