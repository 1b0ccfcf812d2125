package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.problem.InvalidCredentialsException;
import io.agentry.registry.problem.ProblemType;
import java.util.regex.Pattern;

/** A username and password from a register or login body. */
public record Credentials(String username, String password) {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,64}");
  private static final int PASSWORD_MIN = 8;
  private static final int PASSWORD_MAX = 256;

  /** A register body: both fields present and within the contract's rules. */
  public static Credentials forRegistration(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    String username = fields.text("username", true);
    String password = fields.text("password", true);
    if (username != null && !USERNAME.matcher(username).matches()) {
      fields.error("username", "must be 3 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-'");
    }
    if (password != null) {
      int length = password.codePointCount(0, password.length());
      if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
        fields.error(
            "password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long");
      }
    }
    fields.check();
    return new Credentials(username, password);
  }

  /** True when an account can have {@code username} (the register rules). */
  public static boolean isUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  /**
   * A login body: both fields present as strings (their rules are not revealed on login). A
   * username no user can have is wrong credentials, without a lookup.
   */
  public static Credentials forLogin(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    String username = fields.text("username", true);
    String password = fields.text("password", true);
    fields.check();
    if (!USERNAME.matcher(username).matches()) {
      throw new InvalidCredentialsException();
    }
    return new Credentials(username, password);
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
