package io.agentry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {

  @TempDir Path dir;

  @Test
  void streamsTheMetadataAndTheFileWithAnExactLengthAndReportsProgress() throws Exception {
    byte[] module = new byte[300_000];
    for (int i = 0; i < module.length; i++) {
      module[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("agent.wasm"), module);
    AtomicLong reported = new AtomicLong();
    MultipartBody body =
        MultipartBody.of("metadata", "{\"name\":\"x\"}", "binary", file, reported::set);

    byte[] bytes = drain(body.publisher());

    assertEquals(body.publisher().contentLength(), bytes.length);
    assertEquals(module.length, reported.get());
    String boundary = body.contentType().substring("multipart/form-data; boundary=".length());
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(
        text.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\""));
    assertTrue(text.contains("\r\n\r\n{\"name\":\"x\"}\r\n--" + boundary + "\r\n"));
    assertTrue(
        text.contains(
            "name=\"binary\"; filename=\"agent.wasm\"\r\nContent-Type: application/wasm\r\n\r\n"));
    assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"));
    int start = text.indexOf("application/wasm\r\n\r\n") + "application/wasm\r\n\r\n".length();
    byte[] carried = java.util.Arrays.copyOfRange(bytes, start, start + module.length);
    assertTrue(java.util.Arrays.equals(module, carried));
  }

  private static byte[] drain(java.net.http.HttpRequest.BodyPublisher publisher) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    done.get(10, TimeUnit.SECONDS);
    return out.toByteArray();
  }
}
