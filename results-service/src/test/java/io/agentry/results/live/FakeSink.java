package io.agentry.results.live;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection stand-in: records what is sent and how it was closed. When {@code stalled}, writes
 * never complete until released, as with a client that stopped reading.
 */
final class FakeSink implements LiveSink {

  final List<String> sent = new ArrayList<>();
  final List<UniEmitter<? super Void>> pending = new ArrayList<>();
  boolean stalled;
  Integer closeCode;
  String closeReason;

  @Override
  public synchronized Uni<Void> send(String text) {
    sent.add(text);
    if (stalled) {
      return Uni.createFrom().emitter(pending::add);
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public synchronized Uni<Void> close(int code, String reason) {
    closeCode = code;
    closeReason = reason;
    return Uni.createFrom().voidItem();
  }

  /** Completes every write that waits. */
  void release() {
    stalled = false;
    List<UniEmitter<? super Void>> waiting = new ArrayList<>(pending);
    pending.clear();
    waiting.forEach(emitter -> emitter.complete(null));
  }
}
