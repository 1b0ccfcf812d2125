package io.agentry.gateway.proxy;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.Problem;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.problem.ProblemWriter;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/** One {@link ServiceProxy} per downstream service, built from the route configuration. */
@ApplicationScoped
public class ServiceProxies {

  private final Map<Service, ServiceProxy> proxies = new EnumMap<>(Service.class);

  public ServiceProxies(Vertx vertx, GatewayConfig config, ProblemWriter problems) {
    proxies.put(
        Service.REGISTRY,
        new ServiceProxy(
            Service.REGISTRY,
            config.routes().registryUrl(),
            vertx,
            config,
            problems.encode(unavailable(Service.REGISTRY))));
    proxies.put(
        Service.RESULTS,
        new ServiceProxy(
            Service.RESULTS,
            config.routes().resultsUrl(),
            vertx,
            config,
            problems.encode(unavailable(Service.RESULTS))));
  }

  public ServiceProxy get(Service service) {
    return proxies.get(service);
  }

  /** The problem of a service that cannot be reached. */
  public static Problem unavailable(Service service) {
    return Problem.of(
        ProblemType.SERVICE_UNAVAILABLE,
        "The " + service.displayName() + " is not answering; try again shortly.");
  }

  @PreDestroy
  void close() {
    proxies.values().forEach(ServiceProxy::close);
  }
}
