package io.agentry.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code POST /tasks} body. At most one of {@code input} (text) and {@code inputBase64} (bytes);
 * null fields take the platform's defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRequest(
    UUID agentId,
    String input,
    String inputBase64,
    List<String> args,
    Map<String, String> env,
    Integer timeoutMs,
    Integer maxMemoryMb) {}
