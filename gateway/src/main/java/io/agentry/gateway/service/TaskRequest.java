package io.agentry.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validated submission body: the input decoded to bytes and every default applied.
 *
 * @param input the task's stdin ({@code input} as UTF-8, or {@code inputBase64} decoded)
 */
public record TaskRequest(
    UUID agentId,
    byte[] input,
    List<String> args,
    Map<String, String> env,
    int timeoutMs,
    int maxMemoryMb) {}
