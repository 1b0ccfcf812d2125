package io.agentry.wire;

/** Kafka topic and header names used between the services. Every record's key is the taskId. */
public final class Topics {
  /** Tasks to run: {@link TaskMessage} values. */
  public static final String AGENT_TASKS = "agent-tasks";

  /** Records from {@link #AGENT_TASKS} that could not be parsed or validated, copied unchanged. */
  public static final String AGENT_TASKS_DLQ = "agent-tasks-dlq";

  /** Task status changes: {@link TaskEvent} values. */
  public static final String TASK_EVENTS = "task-events";

  /**
   * Instructions about tasks already submitted ({@link TaskControl} values, e.g. cancellations).
   * Every executor reads all of it, each in a consumer group of its own.
   */
  public static final String TASK_CONTROL = "task-control";

  /** Header on a dead-lettered record holding the UTF-8 reason it was refused. */
  public static final String DLQ_REASON_HEADER = "agentry-dlq-reason";

  private Topics() {}
}
