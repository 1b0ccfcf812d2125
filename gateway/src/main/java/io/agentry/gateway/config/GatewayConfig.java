package io.agentry.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the gateway (prefix {@code agentry.gateway}). */
@ConfigMapping(prefix = "agentry.gateway")
public interface GatewayConfig {

  /** Task submission. */
  Tasks tasks();

  /** Task submission to Kafka. */
  interface Tasks {

    /**
     * How long a submission waits for Kafka to acknowledge the task before it is refused as {@code
     * queue-unavailable}.
     */
    @WithDefault("10s")
    Duration publishTimeout();
  }
}
