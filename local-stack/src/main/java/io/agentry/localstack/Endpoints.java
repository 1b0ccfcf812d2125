package io.agentry.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach a running local stack. A field of a component that is not running is null (or 0).
 *
 * @param postgresPort the PostgreSQL port on 127.0.0.1
 * @param kafkaBootstrap the Kafka bootstrap servers
 * @param s3Endpoint the S3-compatible endpoint URL
 */
public record Endpoints(int postgresPort, String kafkaBootstrap, String s3Endpoint) {

  /** The role every service connects as. */
  public static final String DATABASE_USER = "agentry";

  /** The role's password; local only. */
  public static final String DATABASE_PASSWORD = "agentry";

  /** One database per service that keeps state, so each owns its schema and migrations. */
  public static final String[] DATABASES = {"registry", "results", "gateway"};

  /** The bucket that holds agent binaries. */
  public static final String BUCKET = "agentry-binaries";

  /** The S3 access key of the local store. */
  public static final String S3_ACCESS_KEY = "agentry";

  /** The S3 secret key of the local store; local only. */
  public static final String S3_SECRET_KEY = "agentry-secret";

  /** The region the S3 clients sign for. */
  public static final String S3_REGION = "us-east-1";

  /** The JDBC URL of one of {@link #DATABASES}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  /** The reactive PG client URL of one of {@link #DATABASES}. */
  public String reactiveUrl(String database) {
    return "postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  /**
   * The Quarkus configuration that points a service at this stack.
   *
   * @param database the service's database, or null when it has none
   */
  public Map<String, String> quarkusConfig(String database) {
    Map<String, String> config = new LinkedHashMap<>();
    if (postgresPort != 0 && database != null) {
      config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
      config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
      config.put("quarkus.datasource.username", DATABASE_USER);
      config.put("quarkus.datasource.password", DATABASE_PASSWORD);
    }
    if (kafkaBootstrap != null) {
      config.put("kafka.bootstrap.servers", kafkaBootstrap);
    }
    if (s3Endpoint != null) {
      config.put("quarkus.s3.endpoint-override", s3Endpoint);
      config.put("quarkus.s3.path-style-access", "true");
      config.put("quarkus.s3.aws.region", S3_REGION);
      config.put("quarkus.s3.aws.credentials.type", "static");
      config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3_ACCESS_KEY);
      config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3_SECRET_KEY);
    }
    return config;
  }
}
