package io.agentry.localstack;

import java.util.OptionalLong;

/** One running server of the local stack. */
interface Server extends AutoCloseable {

  Component component();

  /** The operating-system process that serves, when known. */
  OptionalLong pid();

  boolean isAlive();

  /** Kills the server with SIGKILL and waits until it is gone; never throws. */
  void kill();

  /** Stops the server gracefully, keeping its data, and waits for it; never throws. */
  default void stopKeepingData() {
    close();
  }

  /** Stops the server and waits for it; never throws. */
  @Override
  void close();
}
