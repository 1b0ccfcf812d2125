package io.agentry.executor.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BinaryStoreTest {

  private static final byte[] BINARY = "\0asm binary".getBytes(UTF_8);
  private static final String HASH = BinaryStore.sha256Hex(BINARY);

  private final ScriptedS3 s3 = new ScriptedS3();
  private final BinaryStore store = new BinaryStore(s3, "bucket", 3, Duration.ofMillis(1));

  @Test
  void aStoreThatComesBackWithinTheAttemptsServesTheBinary() {
    s3.answers(unreachable(), serverError(503), BINARY);

    assertArrayEquals(BINARY, store.fetch(HASH));
    assertEquals(3, s3.calls);
    assertEquals("sha256/" + HASH, s3.lastKey);
  }

  @Test
  void aStoreUnreachableForEveryAttemptFailsTheTaskWithTheCount() {
    s3.answers(unreachable(), unreachable(), unreachable(), BINARY);

    BinaryFetchException e = assertThrows(BinaryFetchException.class, () -> store.fetch(HASH));

    assertEquals(
        "the binary store could not be reached after 3 attempts; submit the task again",
        e.getMessage());
    assertEquals(3, s3.calls);
  }

  @Test
  void aMissingObjectIsFinalAtOnce() {
    s3.answers(NoSuchKeyException.builder().statusCode(404).message("no such key").build());

    BinaryFetchException e = assertThrows(BinaryFetchException.class, () -> store.fetch(HASH));

    assertEquals("binary sha256/" + HASH + " not found in the store", e.getMessage());
    assertEquals(1, s3.calls);
  }

  @Test
  void aRefusalIsFinalAtOnceAndSaysWhatToFix() {
    s3.answers(serverError(403));

    BinaryFetchException e = assertThrows(BinaryFetchException.class, () -> store.fetch(HASH));

    assertTrue(e.getMessage().contains("(HTTP 403)"), e.getMessage());
    assertEquals(1, s3.calls);
  }

  @Test
  void bytesThatDoNotHashToTheKeyFailTheIntegrityCheck() {
    s3.answers("tampered".getBytes(UTF_8));

    BinaryFetchException e = assertThrows(BinaryFetchException.class, () -> store.fetch(HASH));

    assertTrue(e.getMessage().startsWith("integrity check failed"), e.getMessage());
  }

  private static SdkClientException unreachable() {
    return SdkClientException.create("Unable to execute HTTP request: Connection refused");
  }

  private static S3Exception serverError(int status) {
    return (S3Exception) S3Exception.builder().statusCode(status).message("status").build();
  }

  /** Answers each read with the next scripted bytes or exception. */
  private static final class ScriptedS3 implements S3Client {

    private final Deque<Object> answers = new ArrayDeque<>();
    private int calls;
    private String lastKey;

    void answers(Object... script) {
      answers.addAll(List.of(script));
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
      calls++;
      lastKey = request.key();
      Object answer = answers.poll();
      if (answer instanceof RuntimeException failure) {
        throw failure;
      }
      return new ResponseInputStream<>(
          GetObjectResponse.builder().build(),
          AbortableInputStream.create(new ByteArrayInputStream((byte[]) answer)));
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
