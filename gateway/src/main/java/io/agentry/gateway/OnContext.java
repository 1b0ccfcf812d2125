package io.agentry.gateway;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Keeps a request's continuation on the request's own Vert.x context. A result shared between
 * requests (one token exchange or agent lookup for many) or a Kafka acknowledgement completes on
 * another request's context or thread; continuing there would mix the two requests' state.
 */
public final class OnContext {

  private OnContext() {}

  /** {@code uni}, delivering its outcome on the caller's current Vert.x context. */
  public static <T> Uni<T> current(Uni<T> uni) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return uni;
    }
    return uni.emitOn(
        task -> {
          if (Vertx.currentContext() == context) {
            task.run();
          } else {
            context.runOnContext(ignored -> task.run());
          }
        });
  }
}
