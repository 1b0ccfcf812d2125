package io.agentry.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

/** Unpacking in the build's target/ (never the shared temp folder), also after a killed run. */
class PostgresBinariesTest {

  private Path dir;

  @BeforeEach
  void freshFolder() throws IOException {
    dir =
        Files.createDirectories(
            Path.of("target", "postgres-binaries-test", UUID.randomUUID().toString())
                .toAbsolutePath());
  }

  @AfterEach
  void deleteFolder() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void unpacksOnceIntoTheGivenFolderAndReusesTheFinishedFolder() throws Exception {
    Path binaries = PostgresBinaries.prepare(dir);

    assertEquals(dir, binaries.getParent());
    assertTrue(binaries.getFileName().toString().startsWith("PG-"), binaries.toString());
    assertTrue(PostgresBinaries.isComplete(binaries));
    assertTrue(postgresVersion(binaries).startsWith("postgres (PostgreSQL) 17"));
    FileTime before = Files.getLastModifiedTime(binaries.resolve("bin/postgres"));
    assertEquals(binaries, PostgresBinaries.prepare(dir));
    assertEquals(before, Files.getLastModifiedTime(binaries.resolve("bin/postgres")));
  }

  @Test
  void anExtractionKilledHalfwayIsDetectedAndDoneAgain() throws Exception {
    Process child = unpackInChildJvm();
    Path partial = awaitPartialWithFiles(child, 200);
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertTrue(Files.isDirectory(partial), "the killed run left " + partial);
    try (Stream<Path> entries = Files.list(dir)) {
      assertTrue(
          entries.noneMatch(entry -> entry.getFileName().toString().startsWith("PG-")),
          "a killed run never leaves a PG- folder");
    }

    Path binaries = PostgresBinaries.prepare(dir);

    assertTrue(postgresVersion(binaries).startsWith("postgres (PostgreSQL) 17"));
    assertFalse(Files.exists(partial), "the partial folder is deleted");
  }

  /** What zonky's own extraction leaves when its JVM runs out of heap halfway (issue 16). */
  @Test
  void aZonkyFolderWithoutItsMarkerIsUnpackedAgain() throws Exception {
    Path complete = PostgresBinaries.prepare(dir);
    String name = complete.getFileName().toString();
    deleteTree(complete);
    Path halfDone = dir.resolve(name);
    Path dangling = seedHalfExtraction(halfDone);
    assertFalse(Files.exists(dangling), "a link whose target was never unpacked: " + dangling);

    Path binaries = PostgresBinaries.prepare(dir);

    assertEquals(halfDone, binaries);
    assertTrue(Files.exists(dangling), "the link resolves: " + dangling);
    assertTrue(postgresVersion(binaries).startsWith("postgres (PostgreSQL) 17"));
  }

  /** zonky finds the folder finished, so it neither unpacks again nor touches the shared /tmp. */
  @Test
  void zonkyRunsTheUnpackedBinariesAsTheyAre() throws Exception {
    Path binaries = PostgresBinaries.prepare(dir);
    List<String> messages = new ArrayList<>();
    Logger zonky = Logger.getLogger(EmbeddedPostgres.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            messages.add(String.valueOf(record.getMessage()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    zonky.addHandler(handler);
    System.setProperty("ot.epg.working-dir", dir.toString());
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(dir.toFile())
            .setDataDirectory(dir.resolve("data"))
            .setServerConfig("unix_socket_directories", "''")
            .start()) {
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          ResultSet rows = connection.createStatement().executeQuery("SHOW data_directory")) {
        assertTrue(rows.next());
        assertEquals(dir.resolve("data").toString(), rows.getString(1));
      }
    } finally {
      zonky.removeHandler(handler);
    }
    assertFalse(
        messages.stream().anyMatch(message -> message.contains("Extracting")),
        "zonky unpacked again: " + messages);
    assertTrue(
        messages.stream().anyMatch(message -> message.contains(binaries.toString())),
        "zonky used " + messages);
  }

  private Process unpackInChildJvm() throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-cp",
            System.getProperty("java.class.path"),
            UnpackPostgres.class.getName(),
            dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile())
        .start();
  }

  private Path awaitPartialWithFiles(Process child, int files) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && child.isAlive()) {
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path entry : entries.toList()) {
          if (entry.getFileName().toString().startsWith(PostgresBinaries.PARTIAL_PREFIX)
              && count(entry) >= files) {
            return entry;
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the child never had " + files + " files unpacked");
  }

  private static long count(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.count();
    } catch (java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * Unpacks the archive up to its largest file (where zonky's in-memory extraction runs out of
   * heap), without zonky's marker.
   *
   * @return a symbolic link whose target comes after that point
   */
  static Path seedHalfExtraction(Path folder) throws IOException {
    String archive = PostgresBinaries.archiveName();
    String largest = largestFile(archive);
    Path dangling = null;
    try (InputStream in = PostgresBinaries.open(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
      List<TarArchiveEntry> links = new ArrayList<>();
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().equals(largest)) {
          break;
        }
        Path path = folder.resolve(entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            links.add(entry);
          } else if (entry.isFile()) {
            Files.copy(tar, path);
          }
        }
      }
      for (TarArchiveEntry link : links) {
        Path path = folder.resolve(link.getName());
        if (!Files.exists(path)) {
          dangling = path;
        }
      }
    }
    if (dangling == null || !Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)) {
      throw new AssertionError("no link before " + largest + " points past it");
    }
    return dangling;
  }

  private static String largestFile(String archive) throws IOException {
    String largest = null;
    long size = -1;
    try (InputStream in = PostgresBinaries.open(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile() && entry.getSize() > size) {
          size = entry.getSize();
          largest = entry.getName();
        }
      }
    }
    return largest;
  }

  private static String postgresVersion(Path binaries) throws Exception {
    Process process =
        new ProcessBuilder(binaries.resolve("bin/postgres").toString(), "--version")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    return out.trim();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
