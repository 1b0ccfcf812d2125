package io.agentry.wire;

/**
 * The object key of a binary in the store, derived from its SHA-256 alone: {@code sha256/<hex>}.
 * The registry writes binaries under these keys and the executors read them back.
 */
public final class BinaryKeys {

  private BinaryKeys() {}

  /** {@code sha256/<hex>}; rejects anything that is not a lowercase hex SHA-256. */
  public static String forHash(String sha256) {
    if (sha256 == null || !Checks.isSha256Hex(sha256)) {
      throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
    }
    return "sha256/" + sha256;
  }
}
