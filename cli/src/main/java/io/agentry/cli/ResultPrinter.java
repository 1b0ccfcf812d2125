package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;

/**
 * Prints a finished task: its exact stdout bytes on stdout, its stderr on stderr, and a summary
 * line; the command's exit code follows the task.
 */
final class ResultPrinter {

  private final Api api;
  private final PrintStream out;
  private final PrintStream err;

  ResultPrinter(Api api, PrintStream out, PrintStream err) {
    this.api = api;
    this.out = out;
    this.err = err;
  }

  /** Prints the result of an ended task and returns the exit code for the command. */
  int print(String taskId) {
    JsonNode result = api.get("/tasks/" + taskId + "/results");
    writeRaw(taskId, "stdout", out);
    writeRaw(taskId, "stderr", err);
    err.println(summary(result));
    return exitCode(result);
  }

  private void writeRaw(String taskId, String stream, PrintStream target) {
    HttpResponse<byte[]> response;
    try {
      response =
          api.http()
              .send(
                  api.request("/tasks/" + taskId + "/results/" + stream).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CliException("cannot read the task's " + stream + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new CliException(Problems.describe(response.statusCode(), new String(response.body())));
    }
    target.write(response.body(), 0, response.body().length);
    target.flush();
  }

  static String summary(JsonNode result) {
    StringBuilder line = new StringBuilder("== ").append(result.path("status").asText());
    if (!result.path("exitCode").isNull() && result.has("exitCode")) {
      line.append(", exit code ").append(result.path("exitCode").asInt());
    }
    line.append(", ").append(result.path("durationMs").asLong()).append(" ms");
    if (result.path("stdoutTruncated").asBoolean()) {
      line.append(", stdout truncated");
    }
    if (result.path("stderrTruncated").asBoolean()) {
      line.append(", stderr truncated");
    }
    String error = result.path("error").asText(null);
    if (error != null && !result.path("error").isNull()) {
      line.append(": ").append(error);
    }
    return line.toString();
  }

  static int exitCode(JsonNode result) {
    if ("SUCCEEDED".equals(result.path("status").asText())) {
      return 0;
    }
    int code = result.path("exitCode").asInt(0);
    return code > 0 && code < 256 ? code : 1;
  }
}
