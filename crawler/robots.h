/*
 * crawler/robots.h - robots.txt per RFC 9309, matched the way Google's
 * open-source matcher (google/robotstxt) matches.
 *
 * A parsed robots.txt is immutable and may be shared between threads.
 * Rules are grouped by user-agent lines; every group naming the crawler's
 * product token is merged, and the `*` groups apply only when none names
 * it.  The longest matching pattern wins and Allow wins ties; `*` and a
 * trailing `$` are wildcards.  Crawl-delay (per group) and Sitemap
 * (global) lines are kept.  Only the first NF_ROBOTS_MAX_BYTES of a body
 * are parsed (RFC 9309 §2.5).
 *
 * For the HTTP outcome of fetching /robots.txt (RFC 9309 §2.3.1): parse a
 * 2xx body, use nf_robots_allow_all() after a 4xx, nf_robots_disallow_all()
 * after a 5xx or a network failure.
 */
#ifndef NF_CRAWLER_ROBOTS_H
#define NF_CRAWLER_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Bytes of a robots.txt body that are parsed; the rest is ignored. */
#define NF_ROBOTS_MAX_BYTES (500 * 1024)

struct nf_robots;

/*
 * Parse a robots.txt body (any bytes; a UTF-8 BOM is skipped; CR, LF and
 * CRLF line ends).  Lines that do not parse are ignored, so this fails only
 * when `body` is NULL with a non-zero `len` (NF_ERR_USAGE).  The caller
 * frees *out with nf_robots_free().
 */
nf_err nf_robots_parse(struct nf_robots **out, const char *body, size_t len);

/* Rules that allow everything (robots.txt answered 4xx, "unavailable"). */
struct nf_robots *nf_robots_allow_all(void);

/* Rules that disallow everything (5xx or unreachable, "unreachable"). */
struct nf_robots *nf_robots_disallow_all(void);

void nf_robots_free(struct nf_robots *r);

/*
 * May `agent` fetch `path_and_query`?  `agent` is the crawler's product
 * token ("newsfact"), matched case-insensitively against user-agent lines.
 * `path_and_query` is the URL's path, params and query, already
 * percent-encoded, e.g. "/news/articleView.html?idxno=1"; get it from a full
 * URL with nf_robots_path().  "/robots.txt" is always allowed.
 */
bool nf_robots_allowed(const struct nf_robots *r, const char *agent,
		       const char *path_and_query);

/*
 * The Crawl-delay in seconds of the group that applies to `agent` (the
 * merged groups naming it, else the `*` groups), or a negative value when
 * that group has none.
 */
double nf_robots_crawl_delay(const struct nf_robots *r, const char *agent);

/*
 * The Sitemap: URLs of the file, in file order, as written (maybe
 * relative).  *out borrows an array of `r`; returns its length.
 */
size_t nf_robots_sitemaps(const struct nf_robots *r, const char *const **out);

/*
 * The part of a URL robots rules are matched against: path, params and
 * query, without the fragment; "/" when the URL has no path.  Malloc'd.
 */
char *nf_robots_path(const char *url);

/*
 * Is `agent` a product token a crawler may use: one or more of
 * [a-zA-Z_-]?  (RFC 9309 §2.2.1.)
 */
bool nf_robots_agent_valid(const char *agent);

/*
 * A rule pattern as it is matched: bytes >= 0x80 percent-encoded and the
 * hex digits of existing %XX escapes upper-cased.  Malloc'd.
 */
char *nf_robots_escape_pattern(const char *pattern);

#endif
