package io.agentry.gateway.mcp;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns a task's QUEUED and RUNNING events into progress notifications for the client's progress
 * token, if it sent one. Progress only grows: a QUEUED event that arrives after RUNNING (the two
 * are published independently) and repeated events are left out.
 */
final class RunProgress implements Consumer<TaskEvent> {

  private static final Logger LOG = Logger.getLogger(RunProgress.class);
  private static final Consumer<TaskEvent> NONE = event -> {};

  private final McpAsyncServerExchange exchange;
  private final Object token;
  private int sent;
  private TaskStatus lastStatus;
  private int lastAttempt;

  private RunProgress(McpAsyncServerExchange exchange, Object token) {
    this.exchange = exchange;
    this.token = token;
  }

  static Consumer<TaskEvent> of(McpAsyncServerExchange exchange, McpSchema.CallToolRequest call) {
    Object token = call.meta() == null ? null : call.meta().get("progressToken");
    return token == null ? NONE : new RunProgress(exchange, token);
  }

  @Override
  public synchronized void accept(TaskEvent event) {
    TaskStatus status = event.status();
    boolean backwards = lastStatus == TaskStatus.RUNNING && status == TaskStatus.QUEUED;
    boolean repeated = status == lastStatus && event.attempt() <= lastAttempt;
    if (backwards || repeated) {
      return;
    }
    lastStatus = status;
    lastAttempt = event.attempt();
    sent++;
    String message =
        status == TaskStatus.RUNNING
            ? "Task " + event.taskId() + " is RUNNING (attempt " + event.attempt() + ")"
            : "Task " + event.taskId() + " is " + status;
    exchange
        .progressNotification(new McpSchema.ProgressNotification(token, sent, null, message))
        .subscribe(null, e -> LOG.debugf("A progress notification was not sent: %s", e), () -> {});
  }
}
