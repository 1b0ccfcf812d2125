package io.agentry.wire;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A task to run, as published on {@link Topics#AGENT_TASKS}. The constructor enforces the same
 * rules as {@link WireCodec#decodeTask}, throwing {@link IllegalArgumentException} with the reason.
 *
 * <p>{@code input} is not copied (it can be 1 MiB): do not modify it. {@code equals} and {@code
 * hashCode} compare its contents; {@code toString} shows sizes and env keys only, never input, args
 * or env values, so it is safe to log.
 *
 * @param binaryHash lowercase hex SHA-256 of the agent binary, or null to let the executor resolve
 *     it
 * @param env the environment, in the caller's order
 */
public record TaskMessage(
    int specVersion,
    UUID taskId,
    UUID agentId,
    UUID userId,
    String binaryHash,
    byte[] input,
    List<String> args,
    Map<String, String> env,
    int timeoutMs,
    int maxMemoryMb,
    Instant submittedAt) {

  public TaskMessage {
    Checks.specVersion(specVersion);
    Checks.present(taskId, "taskId");
    Checks.present(agentId, "agentId");
    Checks.present(userId, "userId");
    Checks.binaryHash(binaryHash);
    Checks.present(input, "input");
    Checks.maxBytes("input", input.length, TaskLimits.MAX_INPUT_BYTES);
    args = Checks.args(args);
    env = Checks.env(env);
    Checks.inRange(TaskRules.TIMEOUT_MS, timeoutMs);
    Checks.inRange(TaskRules.MAX_MEMORY_MB, maxMemoryMb);
    Checks.timestamp("submittedAt", submittedAt);
  }

  /** A task of the current {@link TaskLimits#SPEC_VERSION}. */
  public TaskMessage(
      UUID taskId,
      UUID agentId,
      UUID userId,
      String binaryHash,
      byte[] input,
      List<String> args,
      Map<String, String> env,
      int timeoutMs,
      int maxMemoryMb,
      Instant submittedAt) {
    this(
        TaskLimits.SPEC_VERSION,
        taskId,
        agentId,
        userId,
        binaryHash,
        input,
        args,
        env,
        timeoutMs,
        maxMemoryMb,
        submittedAt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TaskMessage that
        && specVersion == that.specVersion
        && taskId.equals(that.taskId)
        && agentId.equals(that.agentId)
        && userId.equals(that.userId)
        && Objects.equals(binaryHash, that.binaryHash)
        && Arrays.equals(input, that.input)
        && args.equals(that.args)
        && env.equals(that.env)
        && timeoutMs == that.timeoutMs
        && maxMemoryMb == that.maxMemoryMb
        && submittedAt.equals(that.submittedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        specVersion,
        taskId,
        agentId,
        userId,
        binaryHash,
        Arrays.hashCode(input),
        args,
        env,
        timeoutMs,
        maxMemoryMb,
        submittedAt);
  }

  @Override
  public String toString() {
    return String.format(
        "TaskMessage[specVersion=%d, taskId=%s, agentId=%s, userId=%s, binaryHash=%s,"
            + " input=%d bytes, args=%d strings, envKeys=%s, timeoutMs=%d, maxMemoryMb=%d,"
            + " submittedAt=%s]",
        specVersion,
        taskId,
        agentId,
        userId,
        binaryHash,
        input.length,
        args.size(),
        env.keySet(),
        timeoutMs,
        maxMemoryMb,
        submittedAt);
  }
}
