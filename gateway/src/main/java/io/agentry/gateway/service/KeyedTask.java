package io.agentry.gateway.service;

import java.time.Instant;
import java.util.UUID;

/**
 * The task recorded for an {@code Idempotency-Key}.
 *
 * @param acknowledged true once Kafka acknowledged the task
 * @param requestHash the {@link TaskRequest#fingerprint()} of the request that claimed the key;
 *     null on a row written before fingerprints were kept
 */
public record KeyedTask(
    UUID taskId, UUID agentId, Instant submittedAt, boolean acknowledged, byte[] requestHash) {

  /** True when {@code fingerprint} asks for another task than the one this key holds. */
  public boolean isForAnotherRequest(byte[] fingerprint) {
    return requestHash != null && !java.security.MessageDigest.isEqual(requestHash, fingerprint);
  }
}
