/*
 * Bencode for the bench's C tools (cfwd, cgen): one value skipped at a time, and a string value's
 * bytes pointed at in place. Included by each tool's single source file.
 */
#ifndef BENC_H
#define BENC_H

#include <string.h>

struct str {
  const char *p;
  int len;
};

/* Skips one bencoded value at *p (below end); returns 0, or -1 if malformed. */
static int benc_skip(const char **p, const char *end, struct str *out) {
  const char *s = *p;
  if (s >= end) return -1;
  if (*s == 'i') {
    const char *e = memchr(s, 'e', end - s);
    if (!e) return -1;
    *p = e + 1;
    return 0;
  }
  if (*s == 'l' || *s == 'd') {
    s++;
    while (s < end && *s != 'e')
      if (benc_skip(&s, end, NULL) < 0) return -1;
    if (s >= end) return -1;
    *p = s + 1;
    return 0;
  }
  long n = 0;
  while (s < end && *s >= '0' && *s <= '9') n = n * 10 + (*s++ - '0');
  if (s >= end || *s != ':' || n > end - s - 1) return -1;
  if (out) {
    out->p = s + 1;
    out->len = (int)n;
  }
  *p = s + 1 + n;
  return 0;
}

#endif
