package io.agentry.results.live;

import org.jboss.logging.Logger;

/**
 * The bounded buffer of one connection. Each message is handed to the connection at once, and
 * counted until the connection has written it; a client that does not read makes that count grow,
 * not the server's memory. When {@code capacity} messages wait, the connection is closed with a
 * policy-violation close ("client too slow"). Other connections never wait for this one.
 */
final class LiveOutbox {

  /** The normal close, sent after a task stream's terminal event. */
  static final int NORMAL_CLOSURE = 1000;

  /** The close sent to a client that reads too slowly. */
  static final int POLICY_VIOLATION = 1008;

  static final String TOO_SLOW = "client too slow";

  private static final Logger LOG = Logger.getLogger(LiveOutbox.class);

  private final LiveSink sink;
  private final int capacity;
  private int waiting;
  private boolean endWhenWritten;
  private boolean closed;

  LiveOutbox(LiveSink sink, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the live buffer size must be at least 1");
    }
    this.sink = sink;
    this.capacity = capacity;
  }

  /** Sends a message; closes the connection instead if {@code capacity} already wait. */
  synchronized void send(String text) {
    if (closed || endWhenWritten) {
      return;
    }
    if (waiting >= capacity) {
      overflow();
      return;
    }
    waiting++;
    sink.send(text).subscribe().with(done -> written(), this::failed);
  }

  /** Sends a last message, then closes the connection normally once everything is written. */
  synchronized void sendAndClose(String text) {
    send(text);
    endWhenWritten = true;
    closeIfDone();
  }

  /** Closes the connection because the client does not keep up. */
  synchronized void overflow() {
    if (!closed) {
      LOG.debugf("Closing a live connection: %d messages waiting", waiting);
      close(POLICY_VIOLATION, TOO_SLOW);
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void written() {
    waiting--;
    closeIfDone();
  }

  private synchronized void failed(Throwable failure) {
    LOG.debugf("A live message could not be written: %s", failure.getMessage());
    closed = true;
  }

  private void closeIfDone() {
    if (endWhenWritten && waiting == 0 && !closed) {
      close(NORMAL_CLOSURE, "task ended");
    }
  }

  private void close(int code, String reason) {
    closed = true;
    sink.close(code, reason)
        .subscribe()
        .with(done -> {}, failure -> LOG.debugf("Close failed: %s", failure.getMessage()));
  }
}
