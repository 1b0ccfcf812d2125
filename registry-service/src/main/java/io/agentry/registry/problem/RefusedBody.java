package io.agentry.registry.problem;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends the connection of a request answered before its body was read. Closing a connection whose
 * body is still arriving resets it, and a reset can destroy the answer before the client reads it
 * (the client then sees a broken pipe, not the problem). So the rest of the body is read and
 * dropped, never kept, for at most {@link #LINGER_MILLIS} and a given number of bytes, and the
 * connection closed after it.
 */
public final class RefusedBody {

  static final long LINGER_MILLIS = 2_000;

  private RefusedBody() {}

  /** Drops what remains of the request's body (at most {@code maxBytes}), then closes. */
  public static void discardThenClose(RoutingContext context, long maxBytes) {
    HttpServerRequest request = context.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = context.vertx().setTimer(LINGER_MILLIS, expired -> connection.close());
    AtomicLong discarded = new AtomicLong();
    request.handler(
        chunk -> {
          if (discarded.addAndGet(chunk.length()) > maxBytes) {
            connection.close();
          }
        });
    request.endHandler(
        ended -> {
          context.vertx().cancelTimer(timer);
          connection.close();
        });
    request.exceptionHandler(failed -> connection.close());
    request.resume();
  }
}
