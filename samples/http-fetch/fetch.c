/*
 * http-fetch: fetches the URL given on stdin and prints a summary of the response: its status,
 * content type, body size and first line. The agent must declare the URL's origin in its
 * metadata ("permissions": {"http": [...]}). Exits with the code of agentry_http_request when no
 * response arrives (1 not permitted, 3 connection failed, 4 timed out, ...), 2 for bad input.
 */
#include <stdio.h>
#include <string.h>

#include "../../sdk/c/agentry_http.h"

#define MAX_URL 2048

static char body[16384];

int main(void) {
  char url[MAX_URL + 1];
  size_t length = fread(url, 1, MAX_URL, stdin);
  url[length] = '\0';
  while (length > 0 && (url[length - 1] == '\n' || url[length - 1] == '\r' || url[length - 1] == ' ')) {
    url[--length] = '\0';
  }
  for (size_t i = 0; i < length; i++) {
    if (url[i] == '"' || url[i] == '\\' || (unsigned char)url[i] < 0x20) {
      fprintf(stderr, "the URL may not contain quotes, backslashes or control characters\n");
      return 2;
    }
  }
  if (length == 0) {
    fprintf(stderr, "give a URL on stdin, such as https://api.example.com/status\n");
    return 2;
  }

  char request[MAX_URL + 32];
  int request_length = snprintf(request, sizeof request, "{\"url\":\"%s\"}", url);
  agentry_http_response response;
  int32_t code = agentry_http_request(request, (uint32_t)request_length, 0, 0, &response);
  if (code != AGENTRY_HTTP_OK) {
    fprintf(stderr, "%s: %s (code %d)\n", url, agentry_http_error(code), code);
    return code;
  }

  char type[256];
  int32_t type_length = agentry_http_header(response.handle, "content-type", 12, type, sizeof type - 1);
  if (type_length < 0) {
    strcpy(type, "-");
  } else {
    type[type_length < (int32_t)sizeof type - 1 ? type_length : (int32_t)sizeof type - 1] = '\0';
  }

  long total = 0;
  char first_line[121] = "";
  size_t first_length = 0;
  int first_done = 0;
  for (;;) {
    int32_t read = agentry_http_read(response.handle, body, sizeof body);
    if (read < 0) {
      fprintf(stderr, "the body was cut off after %ld bytes (the task's byte limit)\n", total);
      break;
    }
    if (read == 0) {
      break;
    }
    for (int32_t i = 0; i < read && !first_done; i++) {
      if (body[i] == '\n' || first_length == sizeof first_line - 1) {
        first_done = 1;
      } else if (body[i] != '\r') {
        first_line[first_length++] = body[i];
      }
    }
    total += read;
  }
  first_line[first_length] = '\0';

  printf("status %u\ncontent-type %s\nbytes %ld\nfirst line %s\n", response.status, type, total,
         first_line);
  return 0;
}
