package io.agentry.localstack;

import java.util.OptionalLong;

/** A server that runs as a child process of this JVM. */
abstract class ChildProcessServer implements Server {

  private final Component component;
  private final ChildProcess process;

  ChildProcessServer(Component component, ChildProcess process) {
    this.component = component;
    this.process = process;
  }

  @Override
  public Component component() {
    return component;
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.stop();
  }
}
