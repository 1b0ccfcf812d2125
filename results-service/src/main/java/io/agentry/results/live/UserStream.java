package io.agentry.results.live;

/** Every event of every task of one user, as the live consumer reads them. */
final class UserStream implements LiveSubscriber {

  private final LiveOutbox outbox;

  UserStream(LiveOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void offer(LiveMessage message) {
    outbox.send(message.text());
  }
}
