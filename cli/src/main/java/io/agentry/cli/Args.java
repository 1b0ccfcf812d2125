package io.agentry.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: positional words, {@code --option value} (or {@code --option=value}),
 * repeatable options, and flags that take no value. Unknown options are refused.
 */
final class Args {

  private final List<String> positionals = new ArrayList<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();

  private Args() {}

  /**
   * Parses {@code words}.
   *
   * @param valued the options that take a value
   * @param flags the options that take none
   */
  static Args parse(List<String> words, Set<String> valued, Set<String> flags) {
    Args args = new Args();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("--") || word.equals("--")) {
        args.positionals.add(word);
        continue;
      }
      String name = word.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw CliException.usage("--" + name + " takes no value");
        }
        args.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw CliException.usage("--" + name + " needs a value");
          }
          value = words.get(++i);
        }
        args.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw CliException.usage("unknown option --" + name);
      }
    }
    return args;
  }

  List<String> positionals() {
    return positionals;
  }

  /** The one positional word a command needs, named for the error message. */
  String requirePositional(int index, String what) {
    if (positionals.size() <= index) {
      throw CliException.usage("missing " + what);
    }
    return positionals.get(index);
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  /** The option's value; given twice, the last one wins. */
  Optional<String> option(String name) {
    List<String> values = options.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  String requireOption(String name) {
    return option(name).orElseThrow(() -> CliException.usage("--" + name + " is required"));
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  /** A positive whole number, or the default when the option is absent. */
  Optional<Integer> intOption(String name) {
    return option(name)
        .map(
            value -> {
              try {
                return Integer.parseInt(value);
              } catch (NumberFormatException e) {
                throw CliException.usage(
                    "--" + name + " must be a whole number, not '" + value + "'");
              }
            });
  }
}
