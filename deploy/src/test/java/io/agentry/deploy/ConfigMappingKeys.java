package io.agentry.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a {@code @ConfigMapping} interface defines, read from its Java source: the
 * prefix, then one segment per method (kebab-case, or its {@code @WithName}), nested interfaces
 * being groups. Unsupported shapes fail loudly rather than yield a wrong key set.
 */
final class ConfigMappingKeys {

  private static final Pattern MAPPING =
      Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
  private static final Pattern METHOD =
      Pattern.compile(
          "((?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s+)*)([\\w.]+(?:\\s*<[\\w.<>,?\\s]+>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
  private static final Pattern WITH_NAME =
      Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
  private static final Pattern GENERIC = Pattern.compile("([\\w.]+)\\s*<\\s*(.+)\\s*>");

  private ConfigMappingKeys() {}

  /** The keys of every mapping declared in the source; none when it declares none. */
  static Set<String> keys(String javaSource) {
    String source = withoutComments(javaSource);
    Map<String, String> bodies = interfaceBodies(source);
    Set<String> keys = new TreeSet<>();
    Matcher mapping = MAPPING.matcher(source);
    while (mapping.find()) {
      Matcher root = INTERFACE.matcher(source);
      if (!root.find(mapping.end())) {
        throw new IllegalArgumentException("@ConfigMapping without an interface");
      }
      collect(mapping.group(1), root.group(1), bodies, keys);
    }
    return keys;
  }

  /** {@code publishTimeout} -> {@code publish-timeout}. */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static void collect(
      String prefix, String interfaceName, Map<String, String> bodies, Set<String> keys) {
    Matcher method = METHOD.matcher(bodies.get(interfaceName));
    while (method.find()) {
      String annotations = method.group(1);
      if (annotations.contains("@WithParentName")) {
        throw new IllegalArgumentException("@WithParentName is not supported: " + method.group());
      }
      Matcher withName = WITH_NAME.matcher(annotations);
      String segment = withName.find() ? withName.group(1) : kebab(method.group(3));
      String key = prefix + "." + segment;
      String type = method.group(2).replaceAll("\\s", "");
      Matcher generic = GENERIC.matcher(type);
      String raw = generic.matches() ? generic.group(1) : type;
      String argument = generic.matches() ? generic.group(2) : null;
      if (bodies.containsKey(raw)) {
        collect(key, raw, bodies, keys);
      } else if (raw.equals("Optional") && bodies.containsKey(argument)) {
        collect(key, argument, bodies, keys);
      } else if (raw.equals("Map")) {
        keys.add(key + ".*");
      } else if (raw.equals("List") && bodies.containsKey(argument)) {
        collect(key + "[*]", argument, bodies, keys);
      } else {
        keys.add(key);
      }
    }
  }

  /** Each interface's body with the bodies of the interfaces nested in it blanked out. */
  private static Map<String, String> interfaceBodies(String source) {
    Map<String, String> bodies = new LinkedHashMap<>();
    Matcher declaration = INTERFACE.matcher(source);
    while (declaration.find()) {
      int open = declaration.end() - 1;
      int close = matchingBrace(source, open);
      String body = source.substring(open + 1, close);
      Matcher nested = INTERFACE.matcher(body);
      StringBuilder flat = new StringBuilder(body);
      int from = 0;
      while (nested.find(from)) {
        int nestedClose = matchingBrace(body, nested.end() - 1);
        for (int i = nested.start(); i <= nestedClose; i++) {
          flat.setCharAt(i, ' ');
        }
        from = nestedClose + 1;
      }
      bodies.put(declaration.group(1), flat.toString());
    }
    return bodies;
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced braces");
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
  }
}
