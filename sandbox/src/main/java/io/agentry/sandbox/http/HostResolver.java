package io.agentry.sandbox.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

  /**
   * The system's resolver, on a bounded pool of daemon threads: at most {@link #THREADS} lookups
   * run at once and {@link #WAITING} wait, whatever the agents ask; beyond that a lookup fails at
   * once. A run interrupted while its lookup waits withdraws it.
   */
  final class SystemResolver implements HostResolver {

    /** Lookups at once, for all runs of this process (a lookup that hangs holds its thread). */
    static final int THREADS = 16;

    /** Lookups that may wait for a thread. */
    static final int WAITING = 64;

    static final SystemResolver INSTANCE =
        new SystemResolver(THREADS, WAITING, InetAddress::getAllByName);

    /** A name lookup as the system does it. */
    @FunctionalInterface
    interface Lookup {
      InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final ThreadPoolExecutor lookups;
    private final Lookup lookup;

    SystemResolver(int threads, int waiting, Lookup lookup) {
      this.lookup = lookup;
      this.lookups =
          new ThreadPoolExecutor(
              threads,
              threads,
              30,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(waiting),
              runnable -> {
                Thread thread = new Thread(runnable, "sandbox-dns");
                thread.setDaemon(true);
                return thread;
              });
      lookups.allowCoreThreadTimeOut(true);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException, InterruptedException {
      CompletableFuture<InetAddress[]> result = new CompletableFuture<>();
      Future<?> task;
      try {
        task =
            lookups.submit(
                () -> {
                  try {
                    result.complete(lookup.addresses(host));
                  } catch (UnknownHostException | RuntimeException e) {
                    result.completeExceptionally(e);
                  }
                });
      } catch (RejectedExecutionException e) {
        throw new UnknownHostException(
            host + ": too many name lookups in progress on this executor; try again later");
      }
      try {
        return result.get();
      } catch (InterruptedException e) {
        // A lookup still waiting for a thread is withdrawn; one under way cannot be stopped.
        task.cancel(false);
        lookups.remove((Runnable) task);
        throw e;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownHostException unknown) {
          throw unknown;
        }
        throw new UnknownHostException(host + ": " + e.getCause());
      }
    }

    /** Lookups waiting for a thread now. */
    int waiting() {
      return lookups.getQueue().size();
    }
  }
}
