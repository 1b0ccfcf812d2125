package io.agentry.registry.problem;

import java.util.List;

/** A 503: the binary store did not answer; the client may retry later. */
public class StorageUnavailableException extends RegistryException {

  public StorageUnavailableException(Throwable cause) {
    super(
        ProblemType.STORAGE_UNAVAILABLE,
        "The binary store is unavailable; try again shortly.",
        List.of(),
        cause);
  }
}
