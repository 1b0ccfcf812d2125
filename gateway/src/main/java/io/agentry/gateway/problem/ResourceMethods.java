package io.agentry.gateway.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's endpoints as its JAX-RS annotations declare them: which methods a path takes (the
 * {@code Allow} of a 405) and which body type a method and path take (named by a 415). The
 * framework's own answers to both say neither.
 */
@ApplicationScoped
public class ResourceMethods {

  private static final List<String> METHOD_ORDER =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Pattern PARAMETER =
      Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*(.+?))?}");

  private final List<Endpoint> endpoints;

  public ResourceMethods(BeanManager beans) {
    this.endpoints =
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
            .map(Bean::getBeanClass)
            .filter(type -> type.isAnnotationPresent(Path.class))
            .distinct()
            .flatMap(type -> endpointsOf(type).stream())
            .toList();
  }

  /** The methods that {@code path} takes, in the usual order; empty when no endpoint has it. */
  public List<String> allowed(String path) {
    return endpoints.stream()
        .filter(endpoint -> endpoint.path().matcher(path).matches())
        .map(Endpoint::method)
        .distinct()
        .sorted(Comparator.comparingInt(METHOD_ORDER::indexOf))
        .toList();
  }

  /** The body media types that {@code method} on {@code path} takes; empty when not declared. */
  public List<String> consumed(String method, String path) {
    return endpoints.stream()
        .filter(endpoint -> endpoint.method().equals(method))
        .filter(endpoint -> endpoint.path().matcher(path).matches())
        .flatMap(endpoint -> endpoint.consumes().stream())
        .distinct()
        .toList();
  }

  private record Endpoint(String method, Pattern path, List<String> consumes) {}

  private static List<Endpoint> endpointsOf(Class<?> resource) {
    String base = resource.getAnnotation(Path.class).value();
    Consumes classConsumes = resource.getAnnotation(Consumes.class);
    List<Endpoint> found = new ArrayList<>();
    for (Method method : resource.getMethods()) {
      String httpMethod = httpMethod(method);
      if (httpMethod == null) {
        continue;
      }
      Path sub = method.getAnnotation(Path.class);
      Consumes consumes =
          method.isAnnotationPresent(Consumes.class)
              ? method.getAnnotation(Consumes.class)
              : classConsumes;
      found.add(
          new Endpoint(
              httpMethod,
              template(base + "/" + (sub == null ? "" : sub.value())),
              consumes == null ? List.of() : Arrays.asList(consumes.value())));
    }
    return found;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** A path template ({@code /agents/{id}}) as a pattern of the paths it matches. */
  static Pattern template(String template) {
    String path = ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    StringBuilder regex = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(path);
    int last = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(path.substring(last, parameter.start())));
      regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1) + ")");
      last = parameter.end();
    }
    regex.append(Pattern.quote(path.substring(last))).append("/?");
    return Pattern.compile(regex.toString());
  }
}
