/*
 * base/url.h - URL helpers shared by crawler/ and normalize/.
 */
#ifndef NF_BASE_URL_H
#define NF_BASE_URL_H

#include <stdbool.h>

/*
 * Canonical form of an absolute http(s) URL: scheme and host lower-cased,
 * default port dropped, fragment dropped, tracking parameters (utm_*,
 * fbclid, gclid, input, from, ref, ...) removed, an empty path made "/".
 * Returns a malloc'd string, or NULL when `url` is not an absolute http(s)
 * URL.
 */
char *nf_url_canonical(const char *url);

/* Resolve `ref` against `base` (both may be NULL); malloc'd or NULL. */
char *nf_url_resolve(const char *base, const char *ref);

/* The lower-cased host of an absolute URL into out; false if none. */
bool nf_url_host(const char *url, char *out, unsigned outlen);

#endif
