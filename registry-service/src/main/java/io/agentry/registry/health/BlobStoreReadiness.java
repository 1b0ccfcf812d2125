package io.agentry.registry.health;

import io.agentry.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only while the binary store answers for the bucket. */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements HealthCheck {

  private final S3Client s3;
  private final RegistryConfig config;

  public BlobStoreReadiness(S3Client s3, RegistryConfig config) {
    this.s3 = s3;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    String bucket = config.storage().bucket();
    var response = HealthCheckResponse.named("binary store").withData("bucket", bucket);
    try {
      s3.headBucket(
          b ->
              b.bucket(bucket)
                  .overrideConfiguration(
                      o ->
                          o.apiCallTimeout(config.storage().healthTimeout())
                              .apiCallAttemptTimeout(config.storage().healthTimeout())));
      return response.up().build();
    } catch (RuntimeException e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
