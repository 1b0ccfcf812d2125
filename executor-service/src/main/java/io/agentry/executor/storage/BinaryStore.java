package io.agentry.executor.storage;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.wire.BinaryKeys;
import io.agentry.wire.TaskLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads agent binaries from the S3-compatible store and checks them against their SHA-256. A read
 * that fails because the store cannot be reached is tried again with exponential back-off, a
 * bounded number of times; a missing object is final at once.
 */
@ApplicationScoped
public class BinaryStore {

  private static final Logger LOG = Logger.getLogger(BinaryStore.class);
  private static final int NOT_FOUND = 404;
  private static final int TOO_MANY_REQUESTS = 429;
  private static final int FIRST_SERVER_ERROR = 500;

  private final S3Client s3;
  private final String bucket;
  private final int attempts;
  private final Duration initialBackoff;

  @Inject
  public BinaryStore(S3Client s3, ExecutorConfig config) {
    this(
        s3,
        config.storage().bucket(),
        config.storage().retry().attempts(),
        config.storage().retry().initialBackoff());
  }

  BinaryStore(S3Client s3, String bucket, int attempts, Duration initialBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "agentry.executor.storage.retry.attempts must be at least 1, was " + attempts);
    }
    this.s3 = s3;
    this.bucket = bucket;
    this.attempts = attempts;
    this.initialBackoff = initialBackoff;
  }

  /**
   * The bytes stored under {@code sha256}, verified to hash to it.
   *
   * @throws BinaryFetchException when the object is missing, too large, refused, unreachable after
   *     every attempt, or its bytes do not hash to {@code sha256}
   * @throws CancellationException when the thread is interrupted between two attempts
   */
  public byte[] fetch(String sha256) {
    String key = BinaryKeys.forHash(sha256);
    byte[] bytes = readWithRetries(key);
    String actual = sha256Hex(bytes);
    if (!actual.equals(sha256)) {
      throw BinaryFetchException.integrity(actual, sha256);
    }
    return bytes;
  }

  private byte[] readWithRetries(String key) {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return read(key);
      } catch (Unreachable e) {
        if (attempt >= attempts) {
          LOG.warnf("The binary store could not be reached for %s: %s", key, e.getCause());
          throw BinaryFetchException.unreachable(attempts, e.getCause());
        }
        LOG.infof(
            "The binary store could not be reached for %s (attempt %d of %d), trying again in %d"
                + " ms: %s",
            key, attempt, attempts, backoff.toMillis(), e.getCause().toString());
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private byte[] read(String key) throws Unreachable {
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
      int status = e.statusCode();
      if (status == NOT_FOUND) {
        throw BinaryFetchException.notFound(key);
      }
      if (status >= FIRST_SERVER_ERROR || status == TOO_MANY_REQUESTS) {
        throw new Unreachable(e);
      }
      throw BinaryFetchException.refused(key, status, e);
    } catch (SdkException | IOException e) {
      throw new Unreachable(e);
    }
  }

  /** Waits before the next try; an interrupt means the executor is stopping. */
  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the binary store");
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A read that may work when tried again: the store did not answer, or answered 5xx or 429. */
  private static final class Unreachable extends Exception {
    Unreachable(Throwable cause) {
      super(cause);
    }
  }
}
