package io.agentry.sandbox.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmInterruptedException;

/**
 * The {@code agentry} host calls of one run (docs/contract.md section 4): {@code http_request},
 * {@code http_read} and {@code http_header}. Every pointer and length is checked against the
 * module's memory before anything is read, written or allocated; the host never allocates more than
 * a fixed chunk for a body, which it streams from the connection into the module's memory. A module
 * without permissions gets {@link HttpAbi#NOT_PERMITTED} for every request. Closing it closes every
 * connection the run left open. Used by one run on one thread.
 */
public final class HttpImports implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;
  private static final int RESPONSE_FIELDS_BYTES = 12;
  private static final int MAX_HEADER_NAME = 256;

  private final HttpPermissions permissions;
  private final HttpLimits limits;
  private final OutboundClient client;
  private final Map<Integer, Handle> handles = new HashMap<>();
  private int nextHandle = 1;
  private long bodyBytes;
  private byte[] chunk;

  public HttpImports(HttpPermissions permissions, HttpSettings settings) {
    this.permissions = permissions;
    this.limits = settings.limits();
    this.client = new OutboundClient(permissions, settings);
  }

  /** The three host functions, to add to the run's imports. */
  public HostFunction[] functions() {
    return new HostFunction[] {
      new HostFunction(
          HttpAbi.MODULE,
          HttpAbi.REQUEST,
          HttpAbi.type(HttpAbi.REQUEST),
          (instance, args) -> result(request(instance.memory(), args))),
      new HostFunction(
          HttpAbi.MODULE,
          HttpAbi.READ,
          HttpAbi.type(HttpAbi.READ),
          (instance, args) -> result(read(instance.memory(), args))),
      new HostFunction(
          HttpAbi.MODULE,
          HttpAbi.HEADER,
          HttpAbi.type(HttpAbi.HEADER),
          (instance, args) -> result(header(instance.memory(), args)))
    };
  }

  /** Requests the run sent, each redirect followed counting as one. */
  public int requests() {
    return client.requests();
  }

  /** Response body bytes the run received. */
  public long bodyBytes() {
    return bodyBytes;
  }

  @Override
  public void close() {
    for (Handle handle : handles.values()) {
      handle.response().close();
    }
  }

  /** {@code http_request(req, req_len, body, body_len, out) -> code}. */
  private int request(Memory memory, long[] args) {
    int requestPtr = (int) args[0];
    long requestLength = Integer.toUnsignedLong((int) args[1]);
    int bodyPtr = (int) args[2];
    long bodyLength = Integer.toUnsignedLong((int) args[3]);
    int out = (int) args[4];
    if (!fits(memory, requestPtr, requestLength)
        || !fits(memory, bodyPtr, bodyLength)
        || !fits(memory, out, RESPONSE_FIELDS_BYTES)) {
      return HttpAbi.OUT_OF_BOUNDS;
    }
    if (permissions.isEmpty()) {
      return HttpAbi.NOT_PERMITTED;
    }
    if (requestLength > limits.maxRequestBytes() || bodyLength > limits.maxRequestBodyBytes()) {
      return HttpAbi.INVALID_REQUEST;
    }
    try {
      OutboundRequest request =
          OutboundRequest.parse(
              memory.readBytes(requestPtr, (int) requestLength),
              bodyLength == 0 ? new byte[0] : memory.readBytes(bodyPtr, (int) bodyLength));
      if (openResponses() >= limits.maxOpenResponses()) {
        return HttpAbi.REQUEST_LIMIT;
      }
      OpenResponse response = client.send(request);
      long length = response.bodyLength();
      if (length > limits.maxResponseBytes() || length > limits.maxTotalBytes() - bodyBytes) {
        response.close();
        return HttpAbi.TOO_LARGE;
      }
      int handle = nextHandle++;
      handles.put(handle, new Handle(response));
      memory.writeI32(out, response.status());
      memory.writeI32(out + 4, length < 0 ? HttpAbi.UNKNOWN_LENGTH : (int) length);
      memory.writeI32(out + 8, handle);
      return HttpAbi.OK;
    } catch (HttpCallException e) {
      return e.code();
    }
  }

  /** {@code http_read(handle, ptr, capacity) -> bytes copied, 0 at the end, -1 unknown}. */
  private int read(Memory memory, long[] args) {
    int id = (int) args[0];
    int ptr = (int) args[1];
    long capacity = Integer.toUnsignedLong((int) args[2]);
    if (!fits(memory, ptr, capacity)) {
      return HttpAbi.OUT_OF_BOUNDS_NEGATIVE;
    }
    Handle handle = handles.get(id);
    if (handle == null || handle.failed) {
      return HttpAbi.UNKNOWN;
    }
    if (capacity == 0) {
      return 0;
    }
    long allowed =
        Math.min(limits.maxResponseBytes() - handle.read, limits.maxTotalBytes() - bodyBytes);
    byte[] scratch = chunk();
    try {
      if (allowed <= 0) {
        // At the limit: the body may end here, or it is larger than the task may receive.
        if (handle.response().read(scratch, 1) < 0) {
          return 0;
        }
        return fail(handle);
      }
      int wanted = (int) Math.min(Math.min(capacity, scratch.length), allowed);
      int read = handle.response().read(scratch, wanted);
      if (read < 0) {
        return 0;
      }
      memory.write(ptr, scratch, 0, read);
      handle.read += read;
      bodyBytes += read;
      return read;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new WasmInterruptedException("Thread interrupted");
      }
      return fail(handle);
    }
  }

  /** {@code http_header(handle, name, name_len, out, capacity) -> value length, -1 absent}. */
  private int header(Memory memory, long[] args) {
    int id = (int) args[0];
    int namePtr = (int) args[1];
    long nameLength = Integer.toUnsignedLong((int) args[2]);
    int out = (int) args[3];
    long capacity = Integer.toUnsignedLong((int) args[4]);
    if (!fits(memory, namePtr, nameLength) || !fits(memory, out, capacity)) {
      return HttpAbi.OUT_OF_BOUNDS_NEGATIVE;
    }
    Handle handle = handles.get(id);
    if (handle == null || nameLength > MAX_HEADER_NAME) {
      return HttpAbi.UNKNOWN;
    }
    String name = new String(memory.readBytes(namePtr, (int) nameLength), StandardCharsets.UTF_8);
    byte[] value = handle.response().header(name);
    if (value == null) {
      return HttpAbi.UNKNOWN;
    }
    memory.write(out, value, 0, (int) Math.min(value.length, capacity));
    return value.length;
  }

  /** Closes a response whose body broke off or passed a limit: later reads see -1. */
  private static int fail(Handle handle) {
    handle.failed = true;
    handle.response().close();
    return HttpAbi.UNKNOWN;
  }

  private int openResponses() {
    int open = 0;
    for (Handle handle : handles.values()) {
      if (handle.response().isOpen()) {
        open++;
      }
    }
    return open;
  }

  private byte[] chunk() {
    if (chunk == null) {
      chunk = new byte[CHUNK];
    }
    return chunk;
  }

  /** True when {@code length} bytes at {@code address} (unsigned) lie in the memory. */
  private static boolean fits(Memory memory, int address, long length) {
    long size = (long) memory.pages() * Memory.PAGE_SIZE;
    return Integer.toUnsignedLong(address) + length <= size;
  }

  private static long[] result(int value) {
    return new long[] {value};
  }

  /** One response given to the module, and how much of its body it read. */
  private static final class Handle {
    private final OpenResponse response;
    private long read;
    private boolean failed;

    Handle(OpenResponse response) {
      this.response = response;
    }

    OpenResponse response() {
      return response;
    }
  }
}
