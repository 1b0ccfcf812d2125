package io.agentry.localstack.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serializes {@code up}, {@code down} and {@code reset}, so that two of them never race. The
 * operating system releases the lock when the process ends, however it ends.
 */
final class LauncherLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private LauncherLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static LauncherLock take(Path file) {
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new LaunchException("another ./agentry command is running; wait for it to finish");
      }
      return new LauncherLock(channel, lock);
    } catch (IOException e) {
      throw new LaunchException("could not lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // released by the operating system when the process ends
    }
  }
}
