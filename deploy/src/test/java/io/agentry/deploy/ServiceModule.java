package io.agentry.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One service as its own module defines it: the keys of its application.properties and of its
 * {@code @ConfigMapping} interfaces, its HTTP port and the metrics its code registers.
 */
record ServiceModule(String name, Properties properties, Set<String> configKeys, Path sources) {

  /**
   * Quarkus' own runtime keys that the manifests set although no application.properties names them.
   * Each needs a reason: {@code quarkus.shutdown.timeout} lets in-flight requests and tasks finish
   * on SIGTERM, matched to each pod's terminationGracePeriodSeconds; the {@code kafka.*} security
   * settings, which every Kafka channel takes, authenticate each service as its own Kafka principal
   * over TLS (the local stack's Kafka is open on loopback, so the services' defaults set none).
   */
  static final Set<String> FRAMEWORK_KEYS =
      Set.of(
          "quarkus.shutdown.timeout",
          "kafka.security.protocol",
          "kafka.sasl.mechanism",
          "kafka.sasl.jaas.config",
          "kafka.ssl.truststore.type",
          "kafka.ssl.truststore.location");

  /**
   * The port of Quarkus' management interface (its default), which the images enable
   * (build-images.sh) and where health and metrics are served in a cluster.
   */
  static final int MANAGEMENT_PORT = 9000;

  /**
   * Keys a service owner has announced but not added yet, per service; a manifest may set them.
   * Remove an entry once the service defines the key.
   */
  static final Map<String, Set<String>> ANNOUNCED_KEYS = Map.of();

  private static final Pattern PROFILE = Pattern.compile("^%[\\w,-]+\\.");
  private static final Pattern METER =
      Pattern.compile(
          "(?:\\.(counter|timer|gauge|summary)\\(|(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(|@(Counted|Timed)\\()\\s*(?:value\\s*=\\s*)?\"([a-z0-9_.]+)\"");

  private static final Map<String, ServiceModule> LOADED = new ConcurrentHashMap<>();

  static ServiceModule of(String name) {
    return LOADED.computeIfAbsent(name, ServiceModule::load);
  }

  private static ServiceModule load(String name) {
    Path module = DeployTree.repositoryDir().resolve(name);
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration of " + name, e);
    }
    Set<String> keys = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      keys.add(PROFILE.matcher(key).replaceFirst(""));
    }
    Path sources = module.resolve("src/main/java");
    for (Path file : javaFiles(sources)) {
      keys.addAll(ConfigMappingKeys.keys(read(file)));
    }
    return new ServiceModule(name, properties, keys, sources);
  }

  static List<ServiceModule> all() {
    return DeployTree.SERVICES.stream().map(ServiceModule::of).toList();
  }

  /** Quarkus' environment-variable form of a key: every non-alphanumeric character becomes _. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  String property(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException(name + " does not set " + key);
    }
    return value;
  }

  int httpPort() {
    return Integer.parseInt(property("quarkus.http.port"));
  }

  String applicationName() {
    return property("quarkus.application.name");
  }

  /** True when the variable sets a key this service defines (or announced, or a framework key). */
  boolean acceptsEnv(String envName) {
    Stream<String> candidates =
        Stream.of(
                configKeys.stream(),
                FRAMEWORK_KEYS.stream(),
                ANNOUNCED_KEYS.getOrDefault(name, Set.of()).stream())
            .flatMap(s -> s);
    return candidates.anyMatch(key -> envPattern(key).matcher(envName).matches());
  }

  /**
   * The keys whose local defaults must never reach a deployment: addresses on loopback (the local
   * stack) and the local stack's credentials. Every manifest sets each of them.
   */
  Set<String> localOnlyKeys() {
    Set<String> keys = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key);
      boolean loopback = value.contains("127.0.0.1") || value.contains("localhost");
      boolean credential = key.matches(".*(password|access-key-id|secret-access-key)$");
      if (!key.startsWith("%") && (loopback || credential)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** The Prometheus names of the meters this service's code registers. */
  Set<String> prometheusMetrics() {
    Set<String> metrics = new TreeSet<>();
    for (Path file : javaFiles(sources)) {
      Matcher meter = METER.matcher(read(file));
      while (meter.find()) {
        String type = meter.group(1) != null ? meter.group(1) : meter.group(2);
        type = type != null ? type.toLowerCase() : meter.group(3).toLowerCase();
        String base = meter.group(4).replace('.', '_');
        switch (type) {
          case "counter", "counted" -> metrics.add(base + "_total");
          case "timer", "timed" ->
              Stream.of("_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket")
                  .forEach(suffix -> metrics.add(base + suffix));
          case "summary", "distributionsummary" ->
              Stream.of("_count", "_sum", "_max", "_bucket")
                  .forEach(suffix -> metrics.add(base + suffix));
          default -> metrics.add(base);
        }
      }
    }
    return metrics;
  }

  /** The variable names that set the key; a * (map key or list index) matches any segment. */
  private static Pattern envPattern(String key) {
    String[] literals = key.replace("[*]", "*").split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < literals.length; i++) {
      if (i > 0) {
        regex.append("[A-Z0-9_]+");
      }
      regex.append(Pattern.quote(envName(literals[i])));
    }
    return Pattern.compile(regex.toString());
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
