/*
 * An Agentry agent: counts the lines, words and bytes of stdin, like `wc`.
 *
 * Usage (argv after the agent name): no argument prints "LINES WORDS BYTES\n";
 * "--json" prints {"lines":L,"words":W,"bytes":B}. Any other argument is an error (exit 2).
 * Words are runs of bytes that are not ASCII whitespace.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int main(int argc, char **argv) {
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else {
      fprintf(stderr, "wordcount: unknown argument '%s' (only --json is accepted)\n", argv[i]);
      return 2;
    }
  }

  unsigned long long lines = 0, words = 0, bytes = 0;
  int in_word = 0;
  unsigned char buffer[16384];
  ssize_t n;
  while ((n = read(STDIN_FILENO, buffer, sizeof buffer)) > 0) {
    bytes += (unsigned long long)n;
    for (ssize_t i = 0; i < n; i++) {
      unsigned char c = buffer[i];
      if (c == '\n') {
        lines++;
      }
      if (is_space(c)) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        words++;
      }
    }
  }
  if (n < 0) {
    perror("wordcount: cannot read stdin");
    return 1;
  }

  if (json) {
    printf("{\"lines\":%llu,\"words\":%llu,\"bytes\":%llu}\n", lines, words, bytes);
  } else {
    printf("%llu %llu %llu\n", lines, words, bytes);
  }
  return 0;
}
