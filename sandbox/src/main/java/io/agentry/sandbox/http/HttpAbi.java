package io.agentry.sandbox.http;

import java.util.List;
import java.util.Map;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/**
 * The outbound HTTP calls of the agent ABI (docs/contract.md section 4): the import module {@code
 * agentry}, its three functions with their exact signatures, and the codes {@code http_request}
 * answers with.
 */
public final class HttpAbi {

  /** The import module of the calls. */
  public static final String MODULE = "agentry";

  /** {@code (request ptr, len, body ptr, len, out ptr) -> code}. */
  public static final String REQUEST = "http_request";

  /** {@code (handle, ptr, capacity) -> bytes copied, 0 at the end, -1 unknown handle}. */
  public static final String READ = "http_read";

  /** {@code (handle, name ptr, name len, out ptr, out capacity) -> value length, -1 absent}. */
  public static final String HEADER = "http_header";

  /** A response arrived, whatever its HTTP status. */
  public static final int OK = 0;

  /** The origin is not in the agent's permissions, or its address is one the executor refuses. */
  public static final int NOT_PERMITTED = 1;

  /** The request is not one the host sends (JSON, method, URL, headers, sizes). */
  public static final int INVALID_REQUEST = 2;

  /** The host could not be resolved or connected to, or the exchange broke off. */
  public static final int CONNECTION_FAILED = 3;

  /** No response head arrived within the request timeout. */
  public static final int TIMED_OUT = 4;

  /** The task sent all the requests it may, or holds all the open responses it may. */
  public static final int REQUEST_LIMIT = 5;

  /** The response (its head, or its declared body) is larger than the task may receive. */
  public static final int TOO_LARGE = 6;

  /** A pointer or length lies outside the module's memory. */
  public static final int OUT_OF_BOUNDS = 7;

  /** What {@code http_read} and {@code http_header} answer for an unknown handle or header. */
  public static final int UNKNOWN = -1;

  /**
   * What {@code http_read} and {@code http_header} answer for a pointer or length outside memory.
   */
  public static final int OUT_OF_BOUNDS_NEGATIVE = -OUT_OF_BOUNDS;

  /** The body length written by {@code http_request} when the server did not declare one. */
  public static final int UNKNOWN_LENGTH = 0xFFFFFFFF;

  private static final Map<String, FunctionType> TYPES =
      Map.of(
          REQUEST, i32s(5),
          READ, i32s(3),
          HEADER, i32s(5));

  private HttpAbi() {}

  /** The signature of one of the three calls, or null for any other name. */
  public static FunctionType type(String name) {
    return TYPES.get(name);
  }

  /** The names of the three calls. */
  public static List<String> names() {
    return List.of(REQUEST, READ, HEADER);
  }

  private static FunctionType i32s(int params) {
    ValType[] types = new ValType[params];
    java.util.Arrays.fill(types, ValType.I32);
    return FunctionType.of(types, new ValType[] {ValType.I32});
  }
}
