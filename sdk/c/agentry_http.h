/*
 * Outbound HTTP for Agentry agents written in C (docs/contract.md, section 4).
 *
 * The three calls of the import module "agentry", with the codes they answer. Include this header
 * and build with clang --target=wasm32-wasi; the calls are linked by the platform at run time. A
 * request reaches only the origins the agent version declares in its metadata
 * ({"permissions": {"http": ["https://api.example.com"]}}); any other is AGENTRY_HTTP_NOT_PERMITTED.
 */
#ifndef AGENTRY_HTTP_H
#define AGENTRY_HTTP_H

#include <stdint.h>

/* What agentry_http_request answers. */
enum {
  AGENTRY_HTTP_OK = 0,              /* a response arrived, whatever its HTTP status */
  AGENTRY_HTTP_NOT_PERMITTED = 1,   /* origin not declared, or a private/special address */
  AGENTRY_HTTP_INVALID_REQUEST = 2, /* JSON, method, URL, a header the host sets, sizes */
  AGENTRY_HTTP_CONNECTION_FAILED = 3,
  AGENTRY_HTTP_TIMED_OUT = 4,
  AGENTRY_HTTP_REQUEST_LIMIT = 5,   /* all the task's requests sent, or 8 responses left open */
  AGENTRY_HTTP_TOO_LARGE = 6,       /* declared body or head over the task's limits */
  AGENTRY_HTTP_OUT_OF_BOUNDS = 7    /* a pointer or length outside the module's memory */
};

/* The body length of a response that declared none (chunked, or until the connection ends). */
#define AGENTRY_HTTP_UNKNOWN_LENGTH 0xFFFFFFFFu

/* The 12 bytes agentry_http_request writes: three little-endian u32s. */
typedef struct {
  uint32_t status;      /* HTTP status, such as 200 */
  uint32_t body_length; /* declared body length, or AGENTRY_HTTP_UNKNOWN_LENGTH */
  uint32_t handle;      /* for agentry_http_read and agentry_http_header */
} agentry_http_response;

/*
 * Sends one request and waits for the response head. request is UTF-8 JSON:
 * {"method": "GET", "url": "https://host/path?q", "headers": {"Name": "value"}} (method and
 * headers optional). body may be 0 with body_len 0. Redirects within the declared origins are
 * followed (at most 5).
 */
__attribute__((import_module("agentry"), import_name("http_request"))) int32_t
agentry_http_request(const char *request, uint32_t request_len, const void *body,
                     uint32_t body_len, agentry_http_response *out);

/* Copies up to capacity body bytes into buffer: the count, 0 at the end, -1 for an unknown handle
 * or a body cut at the task's byte limit, -7 for a buffer outside memory. */
__attribute__((import_module("agentry"), import_name("http_read"))) int32_t
agentry_http_read(uint32_t handle, void *buffer, uint32_t capacity);

/* Copies up to capacity bytes of the named header's value (any letter case; repeated headers
 * joined by ", ") into out: the value's full length, -1 when absent, -7 outside memory. */
__attribute__((import_module("agentry"), import_name("http_header"))) int32_t
agentry_http_header(uint32_t handle, const char *name, uint32_t name_len, char *out,
                    uint32_t capacity);

/* A sentence for a code of agentry_http_request. */
static inline const char *agentry_http_error(int32_t code) {
  switch (code) {
    case AGENTRY_HTTP_OK: return "ok";
    case AGENTRY_HTTP_NOT_PERMITTED: return "origin not permitted";
    case AGENTRY_HTTP_INVALID_REQUEST: return "invalid request";
    case AGENTRY_HTTP_CONNECTION_FAILED: return "connection failed";
    case AGENTRY_HTTP_TIMED_OUT: return "timed out";
    case AGENTRY_HTTP_REQUEST_LIMIT: return "request limit reached";
    case AGENTRY_HTTP_TOO_LARGE: return "response too large";
    case AGENTRY_HTTP_OUT_OF_BOUNDS: return "pointer or length outside memory";
    default: return "unknown code";
  }
}

#endif
