package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a batch of tasks must come to after a fault: every accepted task ends exactly once, in the
 * results and on Kafka, and the agent's statistics count each task once. Tasks whose submission was
 * not accepted may have been queued all the same (the gateway died or Kafka did not answer after
 * the record was written); they may show up, once each, and count in the statistics like any other.
 */
final class BatchVerdict {

  /** The executors' consumer group on agent-tasks. */
  static final String EXECUTORS = "executors";

  /** The results service's consumer group on task-events. */
  static final String RESULTS = "results-service";

  private static final int PAGE = 100;

  private BatchVerdict() {}

  /**
   * What a checked batch came to.
   *
   * @param accepted tasks whose submission answered 202
   * @param notAccepted submissions that were refused or broke off
   * @param extra tasks in the results that no 202 announced (at most {@code notAccepted})
   * @param terminalEvents terminal events on Kafka for the batch's tasks (more than the tasks when
   *     a task ran again after a redelivery)
   * @param reran tasks that an executor started more than once
   * @param recovery from the fault until the statistics counted every accepted task
   */
  record Outcome(
      int accepted, int notAccepted, int extra, int terminalEvents, int reran, Duration recovery) {

    String describe(String fault) {
      return String.format(
          "[fault] %s: accepted %d, not accepted %d, ended %d (extra %d), lost 0, duplicate rows 0,"
              + " terminal events %d, tasks run twice %d, recovered %d ms after the fault",
          fault,
          accepted,
          notAccepted,
          accepted + extra,
          extra,
          terminalEvents,
          reran,
          recovery.toMillis());
    }
  }

  /**
   * Waits until every accepted task ended and the platform is quiet (the executors and the results
   * service committed everything on Kafka), then checks the batch.
   *
   * @param faultAt {@link System#nanoTime()} when the fault was injected
   */
  /** What each task of a batch costs: its agent's price. */
  static final String PRICE = "0.25";

  static Outcome check(
      Platform platform,
      PublicApi user,
      String agentId,
      Set<String> accepted,
      int notAccepted,
      long faultAt,
      Duration timeout) {
    awaitCompleted(user, agentId, accepted.size(), timeout);
    Duration recovery = Duration.ofNanos(System.nanoTime() - faultAt);
    Kafka.awaitCommitted(platform.kafkaBootstrap(), EXECUTORS, Topics.AGENT_TASKS, timeout);
    Kafka.awaitCommitted(platform.kafkaBootstrap(), RESULTS, Topics.TASK_EVENTS, timeout);

    List<JsonNode> results = results(user, agentId);
    Set<String> ended = assertEachTaskListedOnce(results);
    Set<String> lost = new HashSet<>(accepted);
    lost.removeAll(ended);
    assertEquals(Set.of(), lost, "accepted tasks without a result");
    Set<String> extra = new HashSet<>(ended);
    extra.removeAll(accepted);
    assertTrue(
        extra.size() <= notAccepted,
        extra.size()
            + " tasks ended that no submission announced, more than the "
            + notAccepted
            + " submissions that were not accepted");

    JsonNode stats = user.getJson("/agents/" + agentId + "/stats");
    assertEquals(ended.size(), stats.path("tasksCompleted").asInt(), stats.toString());
    assertEquals(ended.size(), stats.path("tasksSucceeded").asInt(), stats.toString());

    assertChargedOnceEach(user, agentId, ended.size());

    EventCounts events =
        assertOneTerminalStatusEach(Kafka.eventsOf(platform.kafkaBootstrap(), ended), ended);
    return new Outcome(
        accepted.size(), notAccepted, extra.size(), events.terminal(), events.reran(), recovery);
  }

  /**
   * Checks that the user (who is also the agent's author) was charged, and earned, the price of
   * each task that ended once, however often its events or the task itself were delivered. The
   * price is the agent's own (a batch of a free agent costs nothing).
   */
  private static void assertChargedOnceEach(PublicApi user, String agentId, int succeeded) {
    Instant now = Instant.now();
    String period = "from=" + now.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofDays(1));
    BigDecimal price = user.getJson("/agents/" + agentId).path("price").decimalValue();
    BigDecimal expected = price.multiply(BigDecimal.valueOf(succeeded));
    JsonNode usage = agentRow(user.getJson("/usage?groupBy=agent&" + period), agentId);
    assertEquals(succeeded, usage.path("tasks").path("succeeded").asInt(), usage.toString());
    assertEquals(0, expected.compareTo(usage.path("spend").decimalValue()), usage.toString());
    JsonNode earnings = user.getJson("/earnings?groupBy=agent&" + period);
    if (price.signum() == 0 && !hasRow(earnings, agentId)) {
      return; // a free agent earns nothing, and may have no row at all
    }
    JsonNode earned = agentRow(earnings, agentId);
    int paid = price.signum() > 0 ? succeeded : 0;
    assertEquals(paid, earned.path("paidRuns").asInt(), earned.toString());
    assertEquals(0, expected.compareTo(earned.path("revenue").decimalValue()), earned.toString());
  }

  private static boolean hasRow(JsonNode report, String agentId) {
    for (JsonNode row : report.path("rows")) {
      if (agentId.equals(row.path("agentId").asText())) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode agentRow(JsonNode report, String agentId) {
    for (JsonNode row : report.path("rows")) {
      if (agentId.equals(row.path("agentId").asText())) {
        return row;
      }
    }
    throw new AssertionError("no row for agent " + agentId + " in " + report);
  }

  /** Checks that no task has two result rows and that every one succeeded; returns their ids. */
  private static Set<String> assertEachTaskListedOnce(List<JsonNode> results) {
    Map<String, Integer> rowsPerTask = new HashMap<>();
    results.forEach(r -> rowsPerTask.merge(r.path("taskId").asText(), 1, Integer::sum));
    Set<String> duplicated =
        rowsPerTask.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertEquals(Set.of(), duplicated, "tasks listed more than once in the results");
    List<String> notSucceeded =
        results.stream()
            .filter(r -> !"SUCCEEDED".equals(r.path("status").asText()))
            .map(JsonNode::toString)
            .toList();
    assertEquals(List.of(), notSucceeded, "results that did not succeed");
    return rowsPerTask.keySet();
  }

  /** Terminal events of a batch's tasks, and how many tasks an executor started more than once. */
  private record EventCounts(int terminal, int reran) {}

  /** Checks that each task has a terminal event on Kafka and never two different terminal ones. */
  private static EventCounts assertOneTerminalStatusEach(
      List<TaskEvent> events, Set<String> tasks) {
    Map<String, Set<TaskStatus>> terminalStatuses = new HashMap<>();
    Map<String, Integer> starts = new HashMap<>();
    int terminalEvents = 0;
    for (TaskEvent event : events) {
      String taskId = event.taskId().toString();
      if (event.status().isTerminal()) {
        terminalEvents++;
        terminalStatuses.computeIfAbsent(taskId, id -> new HashSet<>()).add(event.status());
      } else if (event.status() == TaskStatus.RUNNING) {
        starts.merge(taskId, 1, Integer::sum);
      }
    }
    Set<String> withoutTerminalEvent = new HashSet<>(tasks);
    withoutTerminalEvent.removeAll(terminalStatuses.keySet());
    assertEquals(Set.of(), withoutTerminalEvent, "tasks without a terminal event on Kafka");
    Map<String, Set<TaskStatus>> conflicting =
        terminalStatuses.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of(), conflicting, "tasks with more than one terminal status on Kafka");
    int reran = (int) starts.values().stream().filter(n -> n > 1).count();
    return new EventCounts(terminalEvents, reran);
  }

  /** Polls the agent's statistics until at least {@code count} tasks completed. */
  static void awaitCompleted(PublicApi user, String agentId, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int completed = -1;
    while (System.nanoTime() < deadline) {
      completed = completed(user, agentId);
      if (completed >= count) {
        return;
      }
      PublicApi.pause(200);
    }
    throw new AssertionError(
        "only " + completed + " of " + count + " tasks completed within " + timeout);
  }

  /** The agent's completed tasks by its statistics; -1 while they cannot be read. */
  static int completed(PublicApi user, String agentId) {
    try {
      var response = user.get("/agents/" + agentId + "/stats");
      return response.statusCode() == 200
          ? PublicApi.read(response.body()).path("tasksCompleted").asInt()
          : -1;
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  /** Every result of the agent's tasks, page by page through {@code GET /tasks/results}. */
  static List<JsonNode> results(PublicApi user, String agentId) {
    List<JsonNode> results = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/tasks/results?agentId=" + agentId + "&limit=" + PAGE;
      if (cursor != null) {
        path += "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
      }
      JsonNode page = user.getJson(path);
      page.path("items").forEach(results::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return results;
  }
}
