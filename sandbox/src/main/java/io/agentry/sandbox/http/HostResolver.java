package io.agentry.sandbox.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Turns a host name into addresses; tests replace it to make a name resolve where they want. */
@FunctionalInterface
public interface HostResolver {

  /**
   * The addresses of {@code host}.
   *
   * @throws UnknownHostException when it has none
   * @throws InterruptedException when the waiting thread is interrupted
   */
  InetAddress[] resolve(String host) throws UnknownHostException, InterruptedException;

  /**
   * The system's resolver. A name lookup cannot be interrupted, so it runs on a thread of its own
   * while the run's thread waits for it, interruptibly.
   */
  static HostResolver system() {
    return SystemResolver.INSTANCE;
  }

  /** The system's resolver, on daemon threads. */
  final class SystemResolver implements HostResolver {

    static final SystemResolver INSTANCE = new SystemResolver();

    private final ExecutorService lookups =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-dns");
              thread.setDaemon(true);
              return thread;
            });

    private SystemResolver() {}

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException, InterruptedException {
      CompletableFuture<InetAddress[]> lookup =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return InetAddress.getAllByName(host);
                } catch (UnknownHostException e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              },
              lookups);
      try {
        return lookup.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownHostException unknown) {
          throw unknown;
        }
        throw new UnknownHostException(host + ": " + e.getCause());
      }
    }
  }
}
