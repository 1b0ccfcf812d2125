package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.AgentPermissions;
import io.agentry.sandbox.http.HttpPermissions;
import io.agentry.sandbox.http.OriginPattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** The contract's rules for agent fields, shared by upload and PATCH. */
final class AgentRules {

  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_CAPABILITIES = 32;
  static final BigDecimal MAX_PRICE = new BigDecimal("99999999.99");

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9:._-]{1,64}");

  private AgentRules() {}

  /** True for a name an agent can have: the exact-name lookups and search use it too. */
  static boolean isName(String text) {
    return text != null && NAME.matcher(text).matches();
  }

  static void name(String name, JsonFields fields) {
    if (name != null && !isName(name)) {
      fields.error(
          "name",
          "must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a-z or 0-9");
    }
  }

  static void description(String description, JsonFields fields) {
    if (description == null) {
      return;
    }
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
      fields.error("description", "must be at most " + MAX_DESCRIPTION + " characters");
    } else if (!isStorableText(description)) {
      fields.error("description", "must not contain NUL characters or unpaired surrogates");
    }
  }

  /** False for text the database cannot keep as it is: a NUL character or an unpaired surrogate. */
  static boolean isStorableText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static void capabilities(List<String> capabilities, JsonFields fields) {
    if (capabilities == null) {
      return;
    }
    if (capabilities.size() > MAX_CAPABILITIES) {
      fields.error("capabilities", "must hold at most " + MAX_CAPABILITIES + " entries");
      return;
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < capabilities.size(); i++) {
      String capability = capabilities.get(i);
      if (!CAPABILITY.matcher(capability).matches()) {
        fields.error(
            "capabilities[" + i + "]",
            "must be 1 to 64 characters of a-z, 0-9, ':', '.', '_' or '-'");
      } else if (!seen.add(capability)) {
        fields.error("capabilities[" + i + "]", "repeats '" + capability + "'");
      }
    }
  }

  static void price(BigDecimal price, JsonFields fields) {
    if (price == null) {
      return;
    }
    if (price.signum() < 0) {
      fields.error("price", "must be at least 0");
    } else if (price.stripTrailingZeros().scale() > 2) {
      fields.error("price", "must have at most 2 decimal places");
    } else if (price.compareTo(MAX_PRICE) > 0) {
      fields.error("price", "must be at most " + MAX_PRICE);
    }
  }

  /**
   * The metadata's {@code permissions}: an object whose only member is {@code http}, an array of at
   * most {@value HttpPermissions#MAX_ORIGINS} origins (the sandbox's rule, {@link OriginPattern}),
   * normalized and without repeats. Absent: no permission.
   */
  static AgentPermissions permissions(JsonNode node, JsonFields fields) {
    if (node == null) {
      return AgentPermissions.none();
    }
    if (!node.isObject()) {
      fields.error(
          "permissions", "must be an object such as {\"http\": [\"https://api.example.com\"]}");
      return AgentPermissions.none();
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("http")) {
        fields.error("permissions." + name, "is not a permission; the one permission is http");
      }
    }
    JsonNode http = node.get("http");
    if (http == null) {
      return AgentPermissions.none();
    }
    if (!http.isArray()) {
      fields.error("permissions.http", "must be an array of origins");
      return AgentPermissions.none();
    }
    if (http.size() > HttpPermissions.MAX_ORIGINS) {
      fields.error(
          "permissions.http", "must hold at most " + HttpPermissions.MAX_ORIGINS + " origins");
      return AgentPermissions.none();
    }
    List<String> origins = new ArrayList<>();
    var seen = new HashSet<String>();
    for (int i = 0; i < http.size(); i++) {
      String field = "permissions.http[" + i + "]";
      JsonNode item = http.get(i);
      if (!item.isTextual()) {
        fields.error(field, "must be a string");
        continue;
      }
      String problem = HttpPermissions.problem(item.textValue());
      if (problem != null) {
        fields.error(field, problem);
        continue;
      }
      String origin = OriginPattern.parse(item.textValue()).toString();
      if (!seen.add(origin)) {
        fields.error(field, "repeats '" + origin + "'");
      } else {
        origins.add(origin);
      }
    }
    return new AgentPermissions(origins);
  }
}
