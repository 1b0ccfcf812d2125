package io.agentry.localstack;

import java.util.OptionalLong;

/** One running server of the local stack. */
interface Server extends AutoCloseable {

  Component component();

  /** The operating-system process that serves, when known. */
  OptionalLong pid();

  boolean isAlive();

  /** Stops the server and waits for it; never throws. */
  @Override
  void close();
}
