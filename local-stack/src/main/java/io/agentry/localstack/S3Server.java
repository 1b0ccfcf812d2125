package io.agentry.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** S3Proxy on its filesystem backend, run as a child process: a real S3 API on loopback. */
final class S3Server extends ChildProcessServer {

  private static final System.Logger LOG = System.getLogger(S3Server.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private final String endpoint;

  private S3Server(ChildProcess process, String endpoint) {
    super(Component.S3, process);
    this.endpoint = endpoint;
  }

  static S3Server start(StackOptions options, int port) {
    Path dataDir = options.dataDir(Component.S3);
    Path blobs = dataDir.resolve("blobs");
    Path config = dataDir.resolve("s3proxy.properties");
    String endpoint = "http://127.0.0.1:" + port;
    try {
      Files.createDirectories(blobs);
      Properties p = new Properties();
      p.setProperty("s3proxy.endpoint", endpoint);
      p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      p.setProperty("s3proxy.identity", Endpoints.S3_ACCESS_KEY);
      p.setProperty("s3proxy.credential", Endpoints.S3_SECRET_KEY);
      p.setProperty("jclouds.provider", "filesystem");
      p.setProperty("jclouds.filesystem.basedir", blobs.toString());
      try (var out = Files.newBufferedWriter(config)) {
        p.store(out, "Written by the Agentry local stack");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildProcess process =
        ChildProcess.startJava(
            "s3proxy",
            jvmArgs(options),
            List.of("-jar", ServerJars.s3ProxyJar().toString(), "--properties", config.toString()),
            options.logFile(Component.S3));
    S3Server server = new S3Server(process, endpoint);
    try (S3Client client = client(endpoint)) {
      Readiness.await("S3Proxy", STARTUP_TIMEOUT, process::isAlive, client::listBuckets);
      ensureBucket(client);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "S3 store ready on {0}", endpoint);
    return server;
  }

  private static List<String> jvmArgs(StackOptions options) {
    List<String> args = new ArrayList<>(ProcessMarkers.of("s3", options.home()));
    args.addAll(LocalTopology.S3_JVM);
    args.add(ChildProcess.tmpDirArg(options.tmpDir(Component.S3)));
    return args;
  }

  String endpoint() {
    return endpoint;
  }

  /** A client for the local store, signed with its static credentials. */
  static S3Client client(String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(Endpoints.S3_REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Endpoints.S3_ACCESS_KEY, Endpoints.S3_SECRET_KEY)))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void ensureBucket(S3Client client) {
    try {
      client.headBucket(b -> b.bucket(Endpoints.BUCKET));
    } catch (NoSuchBucketException e) {
      client.createBucket(b -> b.bucket(Endpoints.BUCKET));
    }
  }
}
