package io.agentry.localstack;

import java.nio.file.Path;

/** Unpacks the PostgreSQL binaries into a folder: a child JVM that a test kills halfway. */
public final class UnpackPostgres {

  private UnpackPostgres() {}

  public static void main(String[] args) {
    System.out.println(PostgresBinaries.prepare(Path.of(args[0])));
  }
}
