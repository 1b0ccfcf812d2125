package io.agentry.executor.storage;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.wire.BinaryKeys;
import io.agentry.wire.TaskLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads agent binaries from the S3-compatible store and checks them against their SHA-256. */
@ApplicationScoped
public class BinaryStore {

  private static final int NOT_FOUND = 404;

  private final S3Client s3;
  private final String bucket;

  public BinaryStore(S3Client s3, ExecutorConfig config) {
    this.s3 = s3;
    this.bucket = config.storage().bucket();
  }

  /**
   * The bytes stored under {@code sha256}, verified to hash to it.
   *
   * @throws BinaryFetchException when the object is missing, too large, unreadable or its bytes do
   *     not hash to {@code sha256}
   */
  public byte[] fetch(String sha256) {
    String key = BinaryKeys.forHash(sha256);
    byte[] bytes = read(key);
    String actual = sha256Hex(bytes);
    if (!actual.equals(sha256)) {
      throw BinaryFetchException.integrity(actual, sha256);
    }
    return bytes;
  }

  private byte[] read(String key) {
    long limit = TaskLimits.MAX_BINARY_BYTES;
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      byte[] bytes = in.readNBytes((int) limit + 1);
      if (bytes.length > limit) {
        throw BinaryFetchException.tooLarge(key, limit);
      }
      return bytes;
    } catch (NoSuchKeyException e) {
      throw BinaryFetchException.notFound(key);
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        throw BinaryFetchException.notFound(key);
      }
      throw BinaryFetchException.unavailable(key, e);
    } catch (SdkException | IOException e) {
      throw BinaryFetchException.unavailable(key, e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
