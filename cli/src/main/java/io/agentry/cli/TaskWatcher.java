package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one task to its end, printing each status change as it happens: over the task's
 * WebSocket, or by polling its status when the WebSocket cannot be opened.
 */
final class TaskWatcher {

  static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "REJECTED");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final Duration POLL = Duration.ofMillis(250);

  private final Api api;
  private final Progress progress;

  TaskWatcher(Api api, Progress progress) {
    this.api = api;
    this.progress = progress;
  }

  /** Blocks until the task ends and returns its terminal status. */
  String follow(String taskId) {
    CompletableFuture<String> end = new CompletableFuture<>();
    WebSocket socket;
    try {
      socket =
          api.http()
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + api.credential())
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(api.webSocket("/tasks/" + taskId + "/events"), new Listener(end))
              .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      progress.line("  (live events unavailable: " + reason(e) + "; polling instead)");
      return poll(taskId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    try {
      String status = end.get();
      if (status != null) {
        return status;
      }
      // Closed before a terminal event (a restart of the serving instance): finish by polling.
      progress.line("  (live events closed early; polling instead)");
      return poll(taskId);
    } catch (ExecutionException e) {
      progress.line("  (live events failed: " + reason(e) + "; polling instead)");
      return poll(taskId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      socket.abort();
      throw new CliException("interrupted");
    }
  }

  private String poll(String taskId) {
    String shown = null;
    while (true) {
      JsonNode task = api.get("/tasks/" + taskId);
      String status = task.path("status").asText();
      if (!status.equals(shown)) {
        shown = status;
        progress.line(line(Instant.now(), status, task.path("attempts").asInt(), null));
      }
      if (TERMINAL.contains(status)) {
        return status;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
    }
  }

  static String line(Instant at, String status, int attempt, String message) {
    StringBuilder text = new StringBuilder("  ").append(TIME.format(at)).append("  ");
    text.append(String.format("%-9s", status));
    if (attempt > 0) {
      text.append("  attempt ").append(attempt);
    }
    if (message != null && !message.isEmpty()) {
      text.append("  ").append(message);
    }
    return text.toString();
  }

  private static String reason(Exception e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Prints each event; completes with the terminal status, or null when closed before it. */
  private final class Listener implements WebSocket.Listener {

    private final CompletableFuture<String> end;
    private final StringBuilder partial = new StringBuilder();
    private String terminal;

    Listener(CompletableFuture<String> end) {
      this.end = end;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        show(text);
      }
      socket.request(1);
      return null;
    }

    private void show(String text) {
      try {
        JsonNode event = Api.JSON.readTree(text);
        String status = event.path("status").asText();
        Instant at = Instant.parse(event.path("at").asText(Instant.now().toString()));
        progress.line(
            line(at, status, event.path("attempt").asInt(), event.path("message").asText(null)));
        if (TERMINAL.contains(status)) {
          terminal = status;
        }
      } catch (IOException | RuntimeException e) {
        progress.line("  (unreadable event: " + text + ")");
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      if (terminal == null && statusCode != WebSocket.NORMAL_CLOSURE && !reason.isEmpty()) {
        progress.line("  (live events closed: " + statusCode + " " + reason + ")");
      }
      end.complete(terminal);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      end.completeExceptionally(error);
    }
  }
}
