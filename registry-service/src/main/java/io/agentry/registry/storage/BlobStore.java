package io.agentry.registry.storage;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.StorageUnavailableException;
import io.agentry.wire.BinaryKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Agent binaries in the S3-compatible store, content-addressed: the key is derived from the SHA-256
 * alone, so identical binaries are stored once. Every call blocks: use it from a worker thread. A
 * store that cannot be reached surfaces as {@link StorageUnavailableException}.
 */
@ApplicationScoped
public class BlobStore {

  private static final int NOT_FOUND = 404;
  private static final int PUT_ATTEMPTS = 3;

  private final S3Client s3;
  private final String bucket;

  public BlobStore(S3Client s3, RegistryConfig config) {
    this.s3 = s3;
    this.bucket = config.storage().bucket();
  }

  /** Stores the file's bytes under their hash, unless an object with that hash is there already. */
  public StoredBlob put(Path file) throws IOException {
    return put(file, sha256(file), Files.size(file));
  }

  /**
   * Stores a file whose hash and size are already known; a no-op when the hash is stored. A put
   * that breaks off on the connection (the URL-connection client reports a server that closed a
   * pooled connection during {@code Expect: 100-continue} this way, outside the SDK's retries) is
   * tried again: the same key always gets the same bytes.
   */
  public StoredBlob put(Path file, String sha256, long size) {
    String key = BinaryKeys.forHash(sha256);
    for (int attempt = 1; ; attempt++) {
      try {
        if (!exists(key)) {
          s3.putObject(
              b -> b.bucket(bucket).key(key).contentType("application/wasm").contentLength(size),
              RequestBody.fromFile(file));
        }
        return new StoredBlob(sha256, size, key);
      } catch (UncheckedIOException e) {
        if (attempt == PUT_ATTEMPTS) {
          throw new StorageUnavailableException(e);
        }
      } catch (SdkException e) {
        throw new StorageUnavailableException(e);
      }
    }
  }

  /** Opens the binary with that hash for reading; the caller closes the stream. */
  public InputStream open(String sha256) {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(BinaryKeys.forHash(sha256)));
    } catch (SdkException | UncheckedIOException e) {
      throw new StorageUnavailableException(e);
    }
  }

  /** Removes the binary with that hash; removing a missing one is not an error. */
  public void delete(String sha256) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(BinaryKeys.forHash(sha256)));
    } catch (SdkException | UncheckedIOException e) {
      throw new StorageUnavailableException(e);
    }
  }

  public boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
