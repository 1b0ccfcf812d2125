package io.agentry.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build recorded the Kafka broker's classpath and the S3Proxy jar. */
final class ServerJars {

  private static final String BASE = "/io/agentry/localstack/";

  private ServerJars() {}

  /** The broker's classpath, with every entry checked to exist. */
  static String kafkaClasspath() {
    String classpath = read("kafka.classpath").trim();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      requireFile(Path.of(entry));
    }
    return classpath;
  }

  /** The S3Proxy jar with its dependencies. */
  static Path s3ProxyJar() {
    Properties properties = new Properties();
    try (InputStream in = open("servers.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return requireFile(Path.of(properties.getProperty("s3proxy.jar")));
  }

  private static String read(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = ServerJars.class.getResourceAsStream(BASE + name);
    if (in == null) {
      throw new StackException(
          "resource " + name + " is missing: build the project with mvn package first");
    }
    return in;
  }

  private static Path requireFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new StackException(
          path + " is missing from the local Maven repository: run mvn package again");
    }
    return path;
  }
}
