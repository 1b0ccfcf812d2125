package io.agentry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.client.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResultWaitTest {

  private final List<Long> pauses = new ArrayList<>();
  private final ResultWait wait =
      new ResultWait(
          Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10), pauses::add);

  private static ApiException problem(int status, String slug) {
    return new ApiException(
        status, new Problem("/problems/" + slug, "title", status, "detail", List.of()), null);
  }

  /** Fails {@code failures} times with {@code failure}, then answers "result". */
  private static Supplier<String> failing(int failures, ApiException failure) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      if (calls.incrementAndGet() <= failures) {
        throw failure;
      }
      return "result";
    };
  }

  @Test
  void asksAgainWithLongerPausesWhileTheResultIsNotReady() {
    assertEquals("result", wait.await(failing(7, problem(404, "result-not-ready"))));
    assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L), pauses);
  }

  @Test
  void aTaskNotStoredYetIsWaitedForToo() {
    assertEquals("result", wait.await(failing(2, problem(404, "task-not-found"))));
    assertEquals(List.of(100L, 200L), pauses);
  }

  @Test
  void givesUpAfterTheBoundWithTheLastAnswer() {
    ApiException notReady = problem(404, "result-not-ready");
    ApiException thrown =
        assertThrows(ApiException.class, () -> wait.await(failing(1000, notReady)));
    assertSame(notReady, thrown);
    assertEquals(10_000L, pauses.stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void anyOtherFailureEndsTheWaitAtOnce() {
    ApiException notFound = problem(401, "unauthorized");
    assertSame(notFound, assertThrows(ApiException.class, () -> wait.await(failing(1, notFound))));
    assertEquals(List.of(), pauses);
  }
}
