package io.agentry.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.gateway.client.AgentSummary;
import io.agentry.gateway.security.Caller;
import io.agentry.wire.TaskMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * {@code POST /tasks}: validate the body, resolve the agent, then queue the task, once per {@code
 * Idempotency-Key} when one is given.
 */
@ApplicationScoped
public class TaskSubmission {

  private final AgentLookup agents;
  private final TaskQueue queue;
  private final IdempotentSubmission idempotent;

  public TaskSubmission(AgentLookup agents, TaskQueue queue, IdempotentSubmission idempotent) {
    this.agents = agents;
    this.queue = queue;
    this.idempotent = idempotent;
  }

  /**
   * Submits a task for {@code caller}.
   *
   * @param idempotencyKey null when the client sent none
   * @param wait how long to wait for the task to end (zero: do not wait)
   */
  public Uni<Submission> submit(
      Caller caller, JsonNode body, String idempotencyKey, Duration wait) {
    TaskRequest request = TaskRequestValidator.validate(body);
    if (idempotencyKey != null) {
      IdempotentSubmission.checkKey(idempotencyKey);
    }
    return agents
        .runnable(request.agentId(), caller)
        .call(() -> refuseSecretNames(request))
        .chain(
            agent ->
                idempotencyKey == null
                    ? queue.enqueue(newTask(caller, request, agent), wait)
                    : idempotent.submit(
                        caller.userId(),
                        idempotencyKey,
                        request.fingerprint(),
                        (taskId, at) ->
                            TaskQueue.message(taskId, caller.userId(), request, agent, at),
                        wait));
  }

  /** A task whose env names one of the agent's secrets is refused; without env, nothing to ask. */
  private Uni<Void> refuseSecretNames(TaskRequest request) {
    if (request.env().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return agents
        .secretNames(request.agentId())
        .invoke(names -> TaskRequestValidator.refuseSecretNames(request, names))
        .replaceWithVoid();
  }

  private static TaskMessage newTask(Caller caller, TaskRequest request, AgentSummary agent) {
    return TaskQueue.message(
        UUID.randomUUID(),
        caller.userId(),
        request,
        agent,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
