package io.agentry.sandbox.internal;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmFunctionHandle;
import run.endive.runtime.WasmInterruptedException;

/**
 * The WASI host calls of one run whose buffers the module sizes, replacing Endive's: every buffer
 * is checked against the module's memory before anything is read, written or allocated, and the
 * host never allocates more than a fixed chunk for one call. Endive's {@code fd_read} allocates a
 * host buffer of the iovec's length before it checks it (a module with 64 KiB of memory made the
 * host allocate 2 GiB); its {@code fd_write} copies each iovec whole; its {@code poll_oneoff} keeps
 * a list entry per subscription; its path calls read the path before they look at the descriptor.
 * Upstream should check each buffer against the memory first; until it does, this class is the
 * workaround (docs/reliability.md).
 *
 * <p>A run has stdin (fd 0), stdout (1) and stderr (2) and nothing else, so: a buffer outside the
 * memory is EFAULT; a descriptor other than these is EBADF; path calls are EBADF (ENOTDIR on 0 to
 * 2) without reading the path. Used by one run on one thread.
 */
public final class BoundedWasi {

  /** The most the host copies at once for a call (random bytes, output). */
  private static final int CHUNK = 64 * 1024;

  private static final int ESUCCESS = 0;
  private static final int EBADF = 8;
  private static final int EFAULT = 21;
  private static final int EINVAL = 28;
  private static final int ENOTDIR = 54;
  private static final int ESPIPE = 70;

  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int IOVEC_BYTES = 8;
  private static final int SUBSCRIPTION_BYTES = 48;
  private static final int EVENT_BYTES = 32;
  private static final int EVENT_CLOCK = 0;
  private static final int EVENT_FD_READ = 1;
  private static final int EVENT_FD_WRITE = 2;
  private static final int ABSOLUTE_TIME = 1;

  private final byte[] stdin;
  private final BoundedOutput stdout;
  private final BoundedOutput stderr;
  private final SecureRandom random;
  private int stdinPosition;
  private byte[] chunk;

  public BoundedWasi(
      byte[] stdin, BoundedOutput stdout, BoundedOutput stderr, SecureRandom random) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.random = random;
  }

  /** Endive's WASI functions with the ones this class bounds replaced. */
  public HostFunction[] bound(HostFunction[] wasi) {
    Map<String, WasmFunctionHandle> replacements = replacements();
    HostFunction[] functions = wasi.clone();
    for (int i = 0; i < functions.length; i++) {
      WasmFunctionHandle replacement = replacements.get(functions[i].name());
      if (replacement != null) {
        functions[i] =
            new HostFunction(
                functions[i].module(),
                functions[i].name(),
                functions[i].functionType(),
                replacement);
      }
    }
    return functions;
  }

  private Map<String, WasmFunctionHandle> replacements() {
    Map<String, WasmFunctionHandle> handles = new HashMap<>();
    handles.put("fd_read", (instance, args) -> result(fdRead(instance.memory(), args)));
    handles.put("fd_write", (instance, args) -> result(fdWrite(instance.memory(), args)));
    handles.put("fd_pread", (instance, args) -> result(fdPositioned(instance.memory(), args, 0)));
    handles.put("fd_pwrite", (instance, args) -> result(fdPositioned(instance.memory(), args, 1)));
    handles.put("random_get", (instance, args) -> result(randomGet(instance.memory(), args)));
    handles.put("poll_oneoff", (instance, args) -> result(pollOneoff(instance.memory(), args)));
    handles.put("fd_readdir", (instance, args) -> result(notADirectory(args[0])));
    handles.put("fd_prestat_dir_name", (instance, args) -> result(EBADF));
    for (String name :
        new String[] {
          "path_create_directory",
          "path_filestat_get",
          "path_filestat_set_times",
          "path_link",
          "path_open",
          "path_readlink",
          "path_remove_directory",
          "path_rename",
          "path_unlink_file"
        }) {
      handles.put(name, (instance, args) -> result(notADirectory(args[0])));
    }
    handles.put("path_symlink", (instance, args) -> result(notADirectory(args[2])));
    return handles;
  }

  /** {@code fd_read(fd, iovs, iovs_len, nread)}: from stdin straight into the module's memory. */
  private int fdRead(Memory memory, long[] args) {
    int fd = (int) args[0];
    int iovs = (int) args[1];
    int count = (int) args[2];
    int nreadPtr = (int) args[3];
    int errno = checkIovecs(memory, iovs, count, nreadPtr);
    if (errno != ESUCCESS) {
      return errno;
    }
    if (fd != STDIN) {
      return EBADF;
    }
    long total = 0;
    for (int i = 0; i < count && stdinPosition < stdin.length; i++) {
      int base = memory.readInt(iovs + i * IOVEC_BYTES);
      long length = Integer.toUnsignedLong(memory.readInt(iovs + i * IOVEC_BYTES + 4));
      int read = (int) Math.min(length, stdin.length - stdinPosition);
      memory.write(base, stdin, stdinPosition, read);
      stdinPosition += read;
      total += read;
    }
    memory.writeI32(nreadPtr, (int) total);
    return ESUCCESS;
  }

  /** {@code fd_write(fd, iovs, iovs_len, nwritten)}: keeps what the output cap holds. */
  private int fdWrite(Memory memory, long[] args) {
    int fd = (int) args[0];
    int iovs = (int) args[1];
    int count = (int) args[2];
    int nwrittenPtr = (int) args[3];
    int errno = checkIovecs(memory, iovs, count, nwrittenPtr);
    if (errno != ESUCCESS) {
      return errno;
    }
    BoundedOutput output = fd == STDOUT ? stdout : fd == STDERR ? stderr : null;
    if (output == null) {
      return EBADF;
    }
    long total = 0;
    for (int i = 0; i < count; i++) {
      int base = memory.readInt(iovs + i * IOVEC_BYTES);
      int length = memory.readInt(iovs + i * IOVEC_BYTES + 4);
      int kept = Math.min(length, output.room());
      for (int done = 0; done < kept; ) {
        int size = Math.min(CHUNK, kept - done);
        output.write(memory.readBytes(base + done, size), 0, size);
        done += size;
      }
      output.dropped(length - kept);
      total += length;
    }
    // What the module asked to write: past the cap, output is dropped, not refused.
    memory.writeI32(nwrittenPtr, (int) Math.min(total, Integer.MAX_VALUE));
    return ESUCCESS;
  }

  /** {@code fd_pread} ({@code write} 0) and {@code fd_pwrite} (1): streams cannot seek. */
  private int fdPositioned(Memory memory, long[] args, int write) {
    int fd = (int) args[0];
    int errno = checkIovecs(memory, (int) args[1], (int) args[2], (int) args[4]);
    if (errno != ESUCCESS) {
      return errno;
    }
    if (args[3] < 0) {
      return EINVAL;
    }
    boolean readable = fd == STDIN;
    boolean writable = fd == STDOUT || fd == STDERR;
    if (write == 0 ? readable : writable) {
      return ESPIPE;
    }
    return EBADF;
  }

  /** {@code random_get(buf, len)}, a chunk at a time. */
  private int randomGet(Memory memory, long[] args) {
    int buf = (int) args[0];
    long length = Integer.toUnsignedLong((int) args[1]);
    if (!fits(memory, buf, length)) {
      return EFAULT;
    }
    byte[] scratch = chunk();
    for (long done = 0; done < length; ) {
      if (Thread.currentThread().isInterrupted()) {
        throw new WasmInterruptedException("Thread interrupted");
      }
      int size = (int) Math.min(scratch.length, length - done);
      random.nextBytes(scratch);
      memory.write((int) (buf + done), scratch, 0, size);
      done += size;
    }
    return ESUCCESS;
  }

  /**
   * {@code poll_oneoff(in, out, nsubscriptions, nevents)} without a host list per subscription:
   * stdin and the output streams are always ready; clocks sleep until the earliest one.
   */
  private int pollOneoff(Memory memory, long[] args) {
    int in = (int) args[0];
    int out = (int) args[1];
    int count = (int) args[2];
    int neventsPtr = (int) args[3];
    if (count <= 0) {
      return EINVAL;
    }
    if (!fits(memory, in, (long) count * SUBSCRIPTION_BYTES)
        || !fits(memory, out, (long) count * EVENT_BYTES)
        || !fits(memory, neventsPtr, 4)) {
      return EFAULT;
    }
    long earliest = Long.MAX_VALUE;
    int ready = 0;
    for (int i = 0; i < count; i++) {
      int subscription = in + i * SUBSCRIPTION_BYTES;
      int type = memory.read(subscription + 8);
      if (type == EVENT_CLOCK) {
        int clock = memory.readInt(subscription + 16);
        if (clock != 0 && clock != 1) {
          return EINVAL;
        }
        long timeout = memory.readLong(subscription + 24);
        if ((memory.readShort(subscription + 40) & ABSOLUTE_TIME) != 0) {
          timeout -= clock == 0 ? System.currentTimeMillis() * 1_000_000L : System.nanoTime();
        }
        earliest = Math.min(earliest, timeout);
      } else if (type == EVENT_FD_READ || type == EVENT_FD_WRITE) {
        ready++;
      } else {
        return EINVAL;
      }
    }
    int events = 0;
    if (ready > 0) {
      for (int i = 0; i < count; i++) {
        int subscription = in + i * SUBSCRIPTION_BYTES;
        int type = memory.read(subscription + 8);
        if (type != EVENT_CLOCK) {
          int fd = memory.readInt(subscription + 16);
          boolean ok = type == EVENT_FD_READ ? fd == STDIN : fd == STDOUT || fd == STDERR;
          int event = out + events++ * EVENT_BYTES;
          writeEvent(memory, event, memory.readLong(subscription), type, ok ? ESUCCESS : EBADF);
          if (ok && type == EVENT_FD_READ) {
            memory.writeLong(event + 16, stdin.length - stdinPosition);
          }
        }
      }
    } else {
      sleep(earliest);
      for (int i = 0; i < count; i++) {
        int subscription = in + i * SUBSCRIPTION_BYTES;
        long timeout = memory.readLong(subscription + 24);
        if ((memory.readShort(subscription + 40) & ABSOLUTE_TIME) != 0 || timeout <= earliest) {
          writeEvent(
              memory,
              out + events++ * EVENT_BYTES,
              memory.readLong(subscription),
              EVENT_CLOCK,
              ESUCCESS);
        }
      }
    }
    memory.writeI32(neventsPtr, events);
    return ESUCCESS;
  }

  private static void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WasmInterruptedException("Thread interrupted");
    }
  }

  private static void writeEvent(Memory memory, int event, long userData, int type, int errno) {
    memory.writeLong(event, userData);
    memory.writeShort(event + 8, (short) errno);
    memory.writeByte(event + 10, (byte) type);
    memory.write(event + 11, new byte[21]);
  }

  /** The iovec array and the result pointer, and every buffer they name, lie in the memory. */
  private static int checkIovecs(Memory memory, int iovs, int count, int resultPtr) {
    long countUnsigned = Integer.toUnsignedLong(count);
    if (!fits(memory, iovs, countUnsigned * IOVEC_BYTES) || !fits(memory, resultPtr, 4)) {
      return EFAULT;
    }
    for (int i = 0; i < count; i++) {
      int base = memory.readInt(iovs + i * IOVEC_BYTES);
      long length = Integer.toUnsignedLong(memory.readInt(iovs + i * IOVEC_BYTES + 4));
      if (!fits(memory, base, length)) {
        return EFAULT;
      }
    }
    return ESUCCESS;
  }

  /** True when {@code length} bytes at {@code address} (unsigned) lie in the memory. */
  private static boolean fits(Memory memory, int address, long length) {
    long size = (long) memory.pages() * Memory.PAGE_SIZE;
    return Integer.toUnsignedLong(address) + length <= size;
  }

  private static int notADirectory(long fd) {
    return fd >= STDIN && fd <= STDERR ? ENOTDIR : EBADF;
  }

  private byte[] chunk() {
    if (chunk == null) {
      chunk = new byte[4096];
    }
    return chunk;
  }

  private static long[] result(int errno) {
    return new long[] {errno};
  }
}
