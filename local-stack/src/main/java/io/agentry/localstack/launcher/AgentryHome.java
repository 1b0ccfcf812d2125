package io.agentry.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code ./agentry} keeps everything it writes, all under {@code <root>/.agentry}: {@code
 * run/} (PID files, the lock, the infrastructure's ready marker), {@code logs/}, {@code data/} (the
 * servers' data, the local API key, the registry's signing keys), {@code postgres/} (the unpacked
 * PostgreSQL binaries) and {@code tmp/} (one temp folder per process).
 *
 * @param root the project's root folder (the one holding {@code ./agentry})
 */
record AgentryHome(Path root) {

  AgentryHome {
    root = root.toAbsolutePath().normalize();
  }

  Path state() {
    return root.resolve(".agentry");
  }

  Path run() {
    return state().resolve("run");
  }

  Path logs() {
    return state().resolve("logs");
  }

  Path data() {
    return state().resolve("data");
  }

  Path log(String name) {
    return logs().resolve(name + ".log");
  }

  Path pidFile(String name) {
    return run().resolve(name + ".pid");
  }

  Path infraReady() {
    return run().resolve("infra.ready");
  }

  Path apiKey() {
    return data().resolve("api-key");
  }

  /** The temp folder of one process, created. */
  Path tmp(String name) {
    return created(state().resolve("tmp").resolve(name));
  }

  /** Creates run/, logs/ and data/. */
  void create() {
    created(run());
    created(logs());
    created(data());
  }

  private static Path created(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }
}
