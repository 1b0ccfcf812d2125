package io.agentry.newcomer;

import io.agentry.localstack.PostgresBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A fresh machine inside {@code target/newcomer}: {@code copy/} (the checkout), {@code m2/} (the
 * local Maven repository without {@code io/agentry}: symbolic links to everything else), {@code
 * tmp/} (TMPDIR and {@code java.io.tmpdir} of every JVM), {@code config/} (the user's config
 * folder) and {@code out/} (each command's output).
 */
final class Workspace {

  /** Where zonky 2.2.2 unpacks PostgreSQL when nobody tells it otherwise. */
  static final String ZONKY_FOLDER = "embedded-pg";

  private final Path base;
  private final Path copy;
  private final Path repository;
  private final Path tmp;
  private boolean started;

  private Workspace(Path base) {
    this.base = base;
    this.copy = base.resolve("copy");
    this.repository = base.resolve("m2");
    this.tmp = base.resolve("tmp");
  }

  static Workspace create(Path source, Path realRepository, Path base) throws IOException {
    deleteTree(base);
    Workspace workspace = new Workspace(base);
    Files.createDirectories(workspace.tmp);
    Files.createDirectories(base.resolve("config"));
    Files.createDirectories(base.resolve("out"));
    workspace.copyCheckout(source.toAbsolutePath().normalize());
    workspace.linkRepository(realRepository);
    return workspace;
  }

  /** The files git knows in the checkout, as they are in its working tree, and new ones. */
  private void copyCheckout(Path source) throws IOException {
    ProcessBuilder git =
        new ProcessBuilder(
                "git",
                "-C",
                source.toString(),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = git.start();
    String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(source + " is not a git checkout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (String name : listing.split("\0")) {
      Path from = source.resolve(name);
      if (name.isEmpty() || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path to = copy.resolve(name);
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Every entry of the real repository but {@code io/agentry}, as a symbolic link. */
  private void linkRepository(Path real) throws IOException {
    Files.createDirectories(repository.resolve("io"));
    try (Stream<Path> entries = Files.list(real)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals("io")) {
          Files.createSymbolicLink(repository.resolve(entry.getFileName()), entry);
        }
      }
    }
    Path io = real.resolve("io");
    if (Files.isDirectory(io)) {
      try (Stream<Path> entries = Files.list(io)) {
        for (Path entry : entries.toList()) {
          if (!entry.getFileName().toString().equals("agentry")) {
            Files.createSymbolicLink(repository.resolve("io").resolve(entry.getFileName()), entry);
          }
        }
      }
    }
  }

  /**
   * Leaves, where zonky looks by default ({@code <tmp>/embedded-pg/PG-<md5>}), what its extraction
   * leaves when it runs out of heap: the archive unpacked up to its largest file, without the
   * marker of a finished extraction, with a library link pointing at a file never unpacked.
   */
  void seedHalfUnpackedPostgres() throws Exception {
    String archive = PostgresBinaries.archiveName();
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    String largest = null;
    long size = -1;
    try (DigestInputStream digest = new DigestInputStream(PostgresBinaries.open(archive), md5);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(digest))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile() && entry.getSize() > size) {
          size = entry.getSize();
          largest = entry.getName();
        }
      }
      digest.transferTo(java.io.OutputStream.nullOutputStream());
    }
    Path folder = tmp.resolve(ZONKY_FOLDER).resolve("PG-" + HexFormat.of().formatHex(md5.digest()));
    try (InputStream in = PostgresBinaries.open(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
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
          } else if (entry.isFile()) {
            Files.copy(tar, path);
          }
        }
      }
    }
  }

  /**
   * Runs {@code ./agentry ARGS} in the copy as a new user would, on the given ports, and waits for
   * it.
   */
  NewcomerPathTest.Run agentry(Map<String, String> ports, Duration timeout, String... args)
      throws IOException, InterruptedException {
    started = true;
    List<String> command = new ArrayList<>(List.of(copy.resolve("agentry").toString()));
    command.addAll(List.of(args));
    Path out = base.resolve("out").resolve(String.join("-", args) + ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("AGENTRY_")
                    || name.startsWith("MAVEN_")
                    || name.equals("JAVA_TOOL_OPTIONS")
                    || name.equals("_JAVA_OPTIONS"));
    env.putAll(ports);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("TMPDIR", tmp.toString());
    env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
    env.put("XDG_CONFIG_HOME", base.resolve("config").toString());
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return new NewcomerPathTest.Run(
          -1, "(timed out after " + timeout + ")\n" + Files.readString(out));
    }
    return new NewcomerPathTest.Run(process.exitValue(), Files.readString(out));
  }

  /**
   * The processes whose command line points into the copy, after giving them {@code grace} to end
   * (PostgreSQL's helpers end shortly after the server).
   */
  List<String> processesOfTheCopy(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> left = running();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      left = running();
    }
    return left;
  }

  private List<String> running() {
    String marker = copy.toString();
    return ProcessHandle.allProcesses()
        .filter(handle -> handle.info().commandLine().orElse("").contains(marker))
        .map(handle -> handle.pid() + " " + handle.info().commandLine().orElse(""))
        .toList();
  }

  /** What is in the JVMs' temp folder besides the half-unpacked folder this test put there. */
  List<String> unexpectedTempFiles() throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> !name.equals(ZONKY_FOLDER))
          .sorted()
          .toList();
    }
  }

  /**
   * Stops what the commands left running (through {@code ./agentry down}, then by force), keeps the
   * outputs and logs in {@code target/newcomer-logs} and deletes the workspace.
   */
  void cleanUp(Map<String, String> ports) throws Exception {
    try {
      if (started && !running().isEmpty()) {
        agentry(ports, Duration.ofMinutes(3), "down");
      }
      for (ProcessHandle handle :
          ProcessHandle.allProcesses()
              .filter(h -> h.info().commandLine().orElse("").contains(copy.toString()))
              .toList()) {
        handle.destroyForcibly();
      }
      keepLogs();
    } finally {
      deleteTree(base);
    }
  }

  private void keepLogs() throws IOException {
    Path kept = base.resolveSibling("newcomer-logs");
    deleteTree(kept);
    Files.createDirectories(kept);
    for (Path folder : List.of(base.resolve("out"), copy.resolve(".agentry/logs"))) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.toList()) {
            Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
