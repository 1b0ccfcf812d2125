package io.agentry.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A URL query string of the values that are present. */
final class Query {

  private final StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");

  Query add(String name, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      joined.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
    }
    return this;
  }

  Query addAll(String name, Iterable<?> values) {
    if (values != null) {
      values.forEach(value -> add(name, value));
    }
    return this;
  }

  @Override
  public String toString() {
    return joined.toString();
  }
}
