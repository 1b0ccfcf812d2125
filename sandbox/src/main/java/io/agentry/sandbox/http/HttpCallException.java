package io.agentry.sandbox.http;

/** A request that ends with one of the ABI's codes instead of a response. */
final class HttpCallException extends Exception {

  private final int code;

  HttpCallException(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  /** The code {@code http_request} answers, one of {@link HttpAbi}'s. */
  int code() {
    return code;
  }
}
