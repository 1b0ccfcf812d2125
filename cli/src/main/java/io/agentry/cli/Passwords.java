package io.agentry.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a password: the first line of stdin, or typed on the terminal without echo. */
final class Passwords {

  private Passwords() {}

  static String read(Context context, boolean fromStdin, boolean confirm) {
    if (fromStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(context.in, StandardCharsets.UTF_8))
                .readLine();
        if (line == null || line.isEmpty()) {
          throw CliException.usage("--password-stdin: stdin holds no password");
        }
        return line;
      } catch (IOException e) {
        throw new CliException("cannot read the password from stdin: " + e.getMessage());
      }
    }
    Console console = System.console();
    if (console == null) {
      throw CliException.usage(
          "no terminal to type the password on: pipe it with --password-stdin");
    }
    char[] password = console.readPassword("Password: ");
    if (password == null || password.length == 0) {
      throw CliException.usage("no password given");
    }
    if (confirm && !Arrays.equals(password, console.readPassword("Password again: "))) {
      throw CliException.usage("the two passwords differ");
    }
    return new String(password);
  }
}
