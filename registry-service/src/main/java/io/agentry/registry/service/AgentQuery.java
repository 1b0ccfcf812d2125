package io.agentry.registry.service;

import io.agentry.registry.AgentSort;
import io.agentry.registry.AgentStatus;
import io.agentry.registry.problem.FieldError;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.repository.AgentFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /agents} and {@code GET /agents/search}, validated: every bad
 * parameter is named in one 400 {@code invalid-query}.
 */
public final class AgentQuery {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9:._-]{1,64}");
  private static final BigDecimal MAX_RATING = BigDecimal.valueOf(5);
  private static final int MAX_SCALE = 32;

  private final List<FieldError> errors = new ArrayList<>();

  private AgentQuery() {}

  /**
   * {@code GET /agents?name=&ownerName=&version=&status=&capability=&owner=&sort=&limit=&cursor=}.
   */
  public static Paging list(
      Exact exact,
      String status,
      List<String> capabilities,
      String owner,
      String sort,
      String limit,
      String cursor) {
    AgentQuery query = new AgentQuery();
    String name = query.name(exact.name());
    String ownerName = query.ownerName(exact.ownerName());
    String versionKey = query.version(exact.version());
    String statusName = query.status(status);
    List<String> wanted = query.capabilities(capabilities);
    UUID ownerId = query.owner(owner);
    AgentSort order = query.sort(sort);
    int size = query.limit(limit);
    query.check();
    Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor, order);
    return new Paging(
        new AgentFilter(
            null,
            null,
            name,
            ownerName,
            versionKey,
            statusName,
            wanted,
            ownerId,
            null,
            null,
            order,
            after == null ? null : after.key(),
            after == null ? null : after.id(),
            size + 1),
        size);
  }

  /** {@code GET /agents/search?q=&capability=&maxPrice=&minRating=&limit=&cursor=}. */
  public static Paging search(
      String q,
      List<String> capabilities,
      String maxPrice,
      String minRating,
      String limit,
      String cursor) {
    AgentQuery query = new AgentQuery();
    String tsQuery = query.text(q);
    List<String> wanted = query.capabilities(capabilities);
    BigDecimal price = query.decimal("maxPrice", maxPrice, null);
    BigDecimal rating = query.decimal("minRating", minRating, MAX_RATING);
    int size = query.limit(limit);
    query.check();
    AgentSort order = tsQuery == null ? AgentSort.CREATED_AT : AgentSort.RELEVANCE;
    Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor, order);
    return new Paging(
        new AgentFilter(
            tsQuery,
            tsQuery == null ? null : exactName(q),
            null,
            null,
            null,
            null,
            wanted,
            null,
            price,
            rating,
            order,
            after == null ? null : after.key(),
            after == null ? null : after.id(),
            size + 1),
        size);
  }

  /** The page size asked for with {@code limit}, for the versions list. */
  public static int limitOnly(String limit) {
    AgentQuery query = new AgentQuery();
    int size = query.limit(limit);
    query.check();
    return size;
  }

  /** What a user typed, when it is exactly an agent's name (names are lower case). */
  private static String exactName(String q) {
    String name = q.strip().toLowerCase(java.util.Locale.ROOT);
    return AgentRules.isName(name) ? name : null;
  }

  private String name(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (!AgentRules.isName(name)) {
      errors.add(
          new FieldError(
              "name",
              "must be an agent name: 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting"
                  + " with a-z or 0-9"));
    }
    return name;
  }

  private String ownerName(String ownerName) {
    if (ownerName == null || ownerName.isEmpty()) {
      return null;
    }
    if (!Credentials.isUsername(ownerName)) {
      errors.add(
          new FieldError(
              "ownerName", "must be a username: 3 to 64 of A-Z, a-z, 0-9, '_', '.', '-'"));
    }
    return ownerName;
  }

  private String version(String version) {
    if (version == null || version.isEmpty()) {
      return null;
    }
    return Semver.parse(version)
        .map(Semver::sortKey)
        .orElseGet(
            () -> {
              errors.add(new FieldError("version", "must be a semantic version such as 1.2.0"));
              return null;
            });
  }

  private String status(String status) {
    if (status == null || status.isEmpty()) {
      return null;
    }
    if (AgentStatus.fromWire(status).isEmpty()) {
      errors.add(new FieldError("status", "must be active, deprecated or disabled"));
    }
    return status;
  }

  private List<String> capabilities(List<String> capabilities) {
    if (capabilities == null) {
      return List.of();
    }
    List<String> wanted = new ArrayList<>();
    for (String capability : capabilities) {
      if (!CAPABILITY.matcher(capability).matches()) {
        errors.add(
            new FieldError("capability", "'" + clip(capability) + "' is not a capability name"));
      } else if (!wanted.contains(capability)) {
        wanted.add(capability);
      }
    }
    if (wanted.size() > AgentRules.MAX_CAPABILITIES) {
      errors.add(new FieldError("capability", "at most 32 capabilities"));
    }
    return wanted;
  }

  private UUID owner(String owner) {
    if (owner == null || owner.isEmpty()) {
      return null;
    }
    try {
      UUID id = UUID.fromString(owner);
      if (id.toString().equalsIgnoreCase(owner)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(new FieldError("owner", "must be a user id (UUID)"));
    return null;
  }

  private AgentSort sort(String sort) {
    if (sort == null || sort.isEmpty()) {
      return AgentSort.CREATED_AT;
    }
    return AgentSort.listSort(sort)
        .orElseGet(
            () -> {
              errors.add(
                  new FieldError(
                      "sort", "must be createdAt, rating, tasksCompleted, name or version"));
              return AgentSort.CREATED_AT;
            });
  }

  private int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private String text(String q) {
    if (q == null) {
      return null;
    }
    if (q.length() > SearchText.MAX_LENGTH) {
      errors.add(new FieldError("q", "must be at most " + SearchText.MAX_LENGTH + " characters"));
      return null;
    }
    return SearchText.toTsQuery(q);
  }

  private BigDecimal decimal(String name, String text, BigDecimal max) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      if (value.signum() >= 0 && (max == null || value.compareTo(max) <= 0) && isModest(value)) {
        return value;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            name, "must be a number from 0" + (max == null ? "" : " to " + max.toPlainString())));
    return null;
  }

  /**
   * At most 12 digits before the point and {@value #MAX_SCALE} after it (trailing zeros aside): a
   * number the database's numeric type takes, whatever exponent it was written with.
   */
  static boolean isModest(BigDecimal value) {
    BigDecimal plain = value.stripTrailingZeros();
    return (long) plain.precision() - plain.scale() <= 12 && plain.scale() <= MAX_SCALE;
  }

  private void check() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          ProblemType.INVALID_QUERY,
          "Invalid query parameters: "
              + String.join(", ", errors.stream().map(FieldError::field).distinct().toList())
              + ".",
          errors);
    }
  }

  private static String clip(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }

  /**
   * The exact-match filters of {@code GET /agents}: an agent's name, its owner's username and a
   * version; each may be null.
   */
  public record Exact(String name, String ownerName, String version) {}

  /** A validated filter and the page size the client asked for (the filter asks one more). */
  public record Paging(AgentFilter filter, int pageSize) {}
}
