package io.agentry.executor.health;

import io.agentry.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only while the binary store answers for the bucket. */
@Readiness
@ApplicationScoped
public class BinaryStoreReadiness implements HealthCheck {

  private final S3Client s3;
  private final ExecutorConfig.Storage config;

  public BinaryStoreReadiness(S3Client s3, ExecutorConfig config) {
    this.s3 = s3;
    this.config = config.storage();
  }

  @Override
  public HealthCheckResponse call() {
    String bucket = config.bucket();
    var response = HealthCheckResponse.named("binary store").withData("bucket", bucket);
    try {
      s3.headBucket(
          b ->
              b.bucket(bucket)
                  .overrideConfiguration(
                      o ->
                          o.apiCallTimeout(config.healthTimeout())
                              .apiCallAttemptTimeout(config.healthTimeout())));
      return response.up().build();
    } catch (RuntimeException e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
