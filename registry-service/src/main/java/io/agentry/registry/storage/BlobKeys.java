package io.agentry.registry.storage;

import java.util.regex.Pattern;

/** The one place that turns a binary's SHA-256 into its object key. */
public final class BlobKeys {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private BlobKeys() {}

  /** {@code sha256/<hex>}; rejects anything that is not a lowercase hex SHA-256. */
  public static String forHash(String sha256) {
    if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
    }
    return "sha256/" + sha256;
  }
}
