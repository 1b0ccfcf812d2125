package io.agentry.registry.storage;

/**
 * A binary kept in the store.
 *
 * @param sha256 the lowercase hex SHA-256 of its bytes
 * @param size its length in bytes
 * @param key its object key, derived from the hash alone
 */
public record StoredBlob(String sha256, long size, String key) {}
