package io.agentry.gateway.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.Disposable;

/** An open MCP session, the user it belongs to, and its requests in flight (to cancel them). */
final class McpSessionEntry {

  private final McpStreamableServerSession session;
  private final UUID userId;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private volatile long lastUsed = System.nanoTime();

  private record Call(Disposable subscription, SseStream stream) {}

  McpSessionEntry(McpStreamableServerSession session, UUID userId) {
    this.session = session;
    this.userId = userId;
  }

  McpStreamableServerSession session() {
    return session;
  }

  UUID userId() {
    return userId;
  }

  long lastUsed() {
    return lastUsed;
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  boolean idleSince(long cutoff) {
    return calls.isEmpty() && lastUsed - cutoff < 0;
  }

  void started(Object requestId, Disposable subscription, SseStream stream) {
    if (!subscription.isDisposed()) {
      calls.put(key(requestId), new Call(subscription, stream));
    }
  }

  void finished(Object requestId) {
    calls.remove(key(requestId));
    touch();
  }

  /**
   * Stops a request the client cancelled: its work is disposed (a tool call cancels its task) and
   * its stream ends without a response, as the protocol asks.
   */
  void cancel(Object requestId) {
    if (requestId == null) {
      return;
    }
    Call call = calls.remove(key(requestId));
    if (call != null) {
      call.subscription().dispose();
      call.stream().close();
    }
  }

  void close() {
    calls.values().forEach(call -> call.stream().close());
    calls.clear();
    session.close();
  }

  /** JSON-RPC ids are numbers or strings; a number may come back as another Java type. */
  private static String key(Object requestId) {
    return requestId instanceof Number number
        ? Long.toString(number.longValue())
        : "s:" + requestId;
  }
}
