package io.agentry.client;

import io.agentry.client.model.Task;
import io.agentry.client.model.TaskEvent;
import java.io.IOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Follows one task to its end, handing over each status change as it happens: over the task's
 * WebSocket, or, when that cannot be opened or closes before the end, by polling the task's status.
 * A note ({@link Listener#onNote}) says when it falls back.
 */
public final class TaskFollower {

  private static final Duration POLL = Duration.ofMillis(250);

  private final AgentryClient client;

  public TaskFollower(AgentryClient client) {
    this.client = client;
  }

  /** What a follower reports. */
  public interface Listener {
    void onEvent(TaskEvent event);

    default void onNote(String note) {}
  }

  /** Blocks until the task ends and returns its terminal status. */
  public String follow(UUID taskId, Listener listener) {
    CompletableFuture<String> end = new CompletableFuture<>();
    WebSocket socket;
    try {
      socket =
          client
              .http()
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + Objects.requireNonNull(client.credential()))
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(
                  client.webSocket("/tasks/" + taskId + "/events"),
                  new Events(end, listener::onEvent, listener::onNote))
              .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      listener.onNote("live events unavailable (" + reason(e) + "); polling instead");
      return poll(taskId, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted", e);
    }
    try {
      String status = end.get();
      if (status != null) {
        return status;
      }
      // Closed before a terminal event (a restart of the serving instance): finish by polling.
      listener.onNote("live events closed early; polling instead");
      return poll(taskId, listener);
    } catch (ExecutionException e) {
      listener.onNote("live events failed (" + reason(e) + "); polling instead");
      return poll(taskId, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      socket.abort();
      throw new UnreachableException("interrupted", e);
    }
  }

  private String poll(UUID taskId, Listener listener) {
    String shown = null;
    while (true) {
      Task task = client.task(taskId);
      if (!task.status().equals(shown)) {
        shown = task.status();
        listener.onEvent(
            new TaskEvent(
                taskId, task.agentId(), task.status(), Instant.now(), task.attempts(), null));
      }
      if (task.hasEnded()) {
        return task.status();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnreachableException("interrupted", e);
      }
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Hands over each event; completes with the terminal status, or null when closed before it. */
  private static final class Events implements WebSocket.Listener {

    private final CompletableFuture<String> end;
    private final Consumer<TaskEvent> onEvent;
    private final Consumer<String> onNote;
    private final StringBuilder partial = new StringBuilder();
    private String terminal;

    Events(CompletableFuture<String> end, Consumer<TaskEvent> onEvent, Consumer<String> onNote) {
      this.end = end;
      this.onEvent = onEvent;
      this.onNote = onNote;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          TaskEvent event = Json.MAPPER.readValue(text, TaskEvent.class);
          onEvent.accept(event);
          if (event.endsTheTask()) {
            terminal = event.status();
          }
        } catch (IOException | RuntimeException e) {
          onNote.accept("unreadable event: " + text);
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      if (terminal == null && statusCode != WebSocket.NORMAL_CLOSURE && !reason.isEmpty()) {
        onNote.accept("live events closed: " + statusCode + " " + reason);
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
