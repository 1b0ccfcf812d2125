package io.agentry.localstack.launcher;

import java.nio.file.Path;

/** Holds the launcher's lock in a child JVM, as a running {@code ./agentry} command would. */
public final class HoldLock {

  private HoldLock() {}

  public static void main(String[] args) throws Exception {
    try (LauncherLock lock = LauncherLock.take(Path.of(args[0]))) {
      System.out.println("locked");
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
