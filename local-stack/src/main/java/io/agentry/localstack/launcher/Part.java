package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import io.agentry.localstack.LocalTopology.Port;
import io.agentry.localstack.LocalTopology.Service;
import io.agentry.localstack.ProcessMarkers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code ./agentry} runs: the infrastructure process, the three servers it starts, and the
 * four services. Each has a PID file, a log and a command-line signature.
 */
enum Part {
  INFRA(null),
  POSTGRES(null),
  KAFKA(null),
  S3(null),
  REGISTRY(Service.REGISTRY),
  RESULTS(Service.RESULTS),
  EXECUTOR(Service.EXECUTOR),
  GATEWAY(Service.GATEWAY);

  /** The infrastructure's servers, whose PID files the infrastructure process writes. */
  static final List<Part> SERVERS = List.of(POSTGRES, KAFKA, S3);

  /** The services in the order they are started; stopped in the reverse order. */
  static final List<Part> SERVICES = List.of(REGISTRY, RESULTS, EXECUTOR, GATEWAY);

  private final Service service;

  Part(Service service) {
    this.service = service;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  Optional<Service> service() {
    return Optional.ofNullable(service);
  }

  /** The ports this part listens on. */
  List<Port> ports(LocalTopology topology) {
    return switch (this) {
      case INFRA -> topology.infraPorts();
      case POSTGRES -> List.of(Port.POSTGRES);
      case KAFKA -> List.of(Port.KAFKA, Port.KAFKA_CONTROLLER);
      case S3 -> List.of(Port.S3);
      default -> List.of(service.port());
    };
  }

  /**
   * What the command line of this part's process contains: its {@link ProcessMarkers} (each
   * followed by a space, so that no longer name matches by its prefix), or for PostgreSQL its
   * program under this {@code .agentry/}.
   */
  Signature signature(AgentryHome home) {
    if (this == POSTGRES) {
      return Signature.of("/bin/postgres ", home.state() + "/");
    }
    return new Signature(markers(home).stream().map(marker -> marker + " ").toList());
  }

  /** The first JVM options of this part's process. */
  List<String> markers(AgentryHome home) {
    return ProcessMarkers.of(label(), home.state());
  }

  static Part parse(String label) {
    for (Part part : values()) {
      if (part.label().equals(label)) {
        return part;
      }
    }
    throw new IllegalArgumentException(label);
  }
}
