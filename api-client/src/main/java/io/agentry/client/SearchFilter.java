package io.agentry.client;

import java.math.BigDecimal;
import java.util.List;

/** The parameters of {@code GET /agents/search}; null (or empty) ones are left out. */
public record SearchFilter(
    String q,
    List<String> capabilities,
    BigDecimal maxPrice,
    BigDecimal minRating,
    Integer limit,
    String cursor) {

  /** Agents matching {@code q}, most relevant first. */
  public static SearchFilter text(String q) {
    return new SearchFilter(q, List.of(), null, null, null, null);
  }

  String query() {
    return new Query()
        .add("q", q)
        .addAll("capability", capabilities)
        .add("maxPrice", maxPrice == null ? null : maxPrice.toPlainString())
        .add("minRating", minRating == null ? null : minRating.toPlainString())
        .add("limit", limit)
        .add("cursor", cursor)
        .toString();
  }
}
