package io.agentry.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A {@code multipart/form-data} body of one JSON part and one file part, streamed from the file
 * (never read whole into memory) with its exact length, reporting the bytes sent as it goes.
 */
public final class MultipartBody {

  private final String boundary;
  private final BodyPublisher publisher;

  private MultipartBody(String boundary, BodyPublisher publisher) {
    this.boundary = boundary;
    this.publisher = publisher;
  }

  public static MultipartBody of(
      String jsonName, String json, String fileName, Path file, LongConsumer sentBytes) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String boundary = "agentry-" + HexFormat.of().formatHex(random);
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + jsonName
            + "\"\r\nContent-Type: application/json\r\n\r\n"
            + json
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + fileName
            + "\"; filename=\""
            + file.getFileName().toString().replace("\"", "")
            + "\"\r\nContent-Type: application/wasm\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    BodyPublisher content;
    try {
      content = BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new java.io.UncheckedIOException(e);
    }
    BodyPublisher body =
        BodyPublishers.concat(
            BodyPublishers.ofString(head, StandardCharsets.UTF_8),
            new Counting(content, sentBytes),
            BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
    return new MultipartBody(boundary, body);
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public HttpRequest.BodyPublisher publisher() {
    return publisher;
  }

  /** Passes a body through, telling how many of its bytes have been handed to the connection. */
  private static final class Counting implements BodyPublisher {

    private final BodyPublisher delegate;
    private final LongConsumer sentBytes;

    Counting(BodyPublisher delegate, LongConsumer sentBytes) {
      this.delegate = delegate;
      this.sentBytes = sentBytes;
    }

    @Override
    public long contentLength() {
      return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      AtomicLong sent = new AtomicLong();
      delegate.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
              long total = sent.addAndGet(item.remaining());
              subscriber.onNext(item);
              sentBytes.accept(total);
            }

            @Override
            public void onError(Throwable throwable) {
              subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
              subscriber.onComplete();
            }
          });
    }
  }
}
