package io.agentry.results.live;

/** Receives the events of one user's tasks. Called from the Kafka thread: must not block. */
interface LiveSubscriber {

  void offer(LiveMessage message);
}
