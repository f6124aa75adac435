/*
 * crawler/state.h - the crawl frontier and everything a crawl remembers
 * between runs: per-URL status, next fetch time, validators (ETag,
 * Last-Modified) and failure counts; per-host politeness; the robots.txt
 * cache.
 *
 * This is the one interface the fetch engine talks to, and it names no
 * storage library.  The implementation today is SQLite (one file, WAL,
 * tables prefixed `crawl_`; other modules keep their own tables in the
 * same file).  A PostgreSQL backend fits behind the same calls: claims
 * become `FOR UPDATE SKIP LOCKED` host leases, nf_state_open() picks the
 * backend from the PATH (`postgres://...`), and the lease reset done at
 * open (below) becomes lease expiry.
 *
 * Concurrency: nf_state_open() takes an exclusive flock() on PATH.lock,
 * so two overlapping cron runs cannot both crawl; the second is refused
 * at open (nf_state_lock_busy()).  Holding the lock also
 * proves that any lease found in the file belongs to a dead run, so open
 * returns leased URLs to the queue: a kill -9 loses nothing.
 *
 * Times are seconds since the epoch as doubles (sub-second politeness).
 */
#ifndef NF_CRAWLER_STATE_H
#define NF_CRAWLER_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

enum nf_url_kind {
	NF_KIND_ROBOTS,	 /* /robots.txt (claimed before anything else) */
	NF_KIND_FEED,	 /* a seed: RSS/Atom, sitemap or section page */
	NF_KIND_SITEMAP, /* found in robots.txt or a sitemap index */
	NF_KIND_SECTION, /* an HTML listing page */
	NF_KIND_ARTICLE
};

enum nf_url_status {
	NF_URL_QUEUED,	/* waiting for next_at */
	NF_URL_LEASED,	/* handed out by nf_state_claim, not yet settled */
	NF_URL_DONE,	/* fetched (any final HTTP answer) */
	NF_URL_FAILED,	/* gave up after the retry budget, or permanent */
	NF_URL_SKIPPED, /* robots.txt, a pattern or a duplicate said no */
	NF_URL_NSTATUS
};

/* "robots", "feed", ... */
const char *nf_url_kind_name(enum nf_url_kind k);

struct nf_state;

/*
 * Open (creating if needed) the state at `path`.  NF_ERR_IO if the lock
 * file cannot be made; NF_ERR_USAGE with "another crawl holds PATH.lock"
 * when it is held (the caller exits without touching anything);
 * NF_ERR_DB if SQLite fails.  Leases of a dead run are returned to the
 * queue, and hosts it left leased become free.
 */
nf_err nf_state_open(struct nf_state **out, const char *path);

/* True when the last nf_state_open() failure was a held lock. */
bool nf_state_lock_busy(void);

/* Close and release the lock; NULL does nothing. */
void nf_state_close(struct nf_state *st);

/*
 * Add a URL (already canonical) unless it is known.  `source` names the
 * configured source it belongs to; `depth` counts redirect hops.  *added
 * (may be NULL) says whether it was new.  A known URL is left alone:
 * that is what makes each article fetched once however it is linked.
 */
nf_err nf_state_add(struct nf_state *st, const char *url, enum nf_url_kind kind,
		    const char *source, int depth, double now, bool *added);

/*
 * Add a URL as already settled (status `status`, typically DONE or
 * SKIPPED), e.g. the canonical of a page fetched under another URL.
 * A known URL is left alone; *added says which.
 */
nf_err nf_state_add_settled(struct nf_state *st, const char *url,
			    enum nf_url_kind kind, const char *source,
			    enum nf_url_status status, double now, bool *added);

/*
 * A listing says `url` changed at `changed_at` (a sitemap lastmod or an
 * Atom updated time, seconds since the epoch).  When the URL is a known
 * article fetched before that time, make it due again at `now`, so the
 * next claim re-fetches it (conditionally, with its validators); *requeued
 * says whether it did.  Unknown URLs are left to nf_state_add().
 */
nf_err nf_state_refresh(struct nf_state *st, const char *url, double changed_at,
			double now, bool *requeued);

/*
 * Make every listing (feed, sitemap, section page) that is settled due
 * again at `now`, so a new run polls them (conditionally, with the
 * validators kept).  Articles stay done.
 */
nf_err nf_state_repoll(struct nf_state *st, double now);

/* One URL handed out for fetching. */
struct nf_claim {
	long long id;
	char *url;
	char *host;
	char *source;
	enum nf_url_kind kind;
	int depth;
	int failures;	     /* earlier failed attempts */
	char *etag;	     /* validators of the last 2xx, or NULL */
	char *last_modified; /* HTTP-date, or NULL */
};

void nf_claim_release(struct nf_claim *c);

/*
 * Lease the next due URL: status QUEUED, next_at <= now, on a host that
 * is not leased and whose next_at <= now; robots first, then listings,
 * then articles, oldest first.  Leases the host too, so one request per
 * host is in flight.  *got false when nothing is due now; then *next_due
 * is the earliest time something will be (or 0 when the frontier holds
 * no queued URL at all).  The caller settles every claim with one of
 * the calls below, which say when the host may be asked again: the
 * engine, not the state, knows delays (configured, Crawl-delay).
 */
nf_err nf_state_claim(struct nf_state *st, double now, struct nf_claim *out,
		      bool *got, double *next_due);

/*
 * Settle a claim.  done: the fetch got a final HTTP answer `http_status`;
 * `etag`/`last_modified` (may be NULL) are kept for conditional requests
 * (NULL keeps the earlier ones, for a 304).  failed: retry at `retry_at`
 * unless `retry_at` is 0 (permanent), with `why` kept for the log.
 * skipped: robots, patterns or a duplicate.  Each releases the host,
 * which may be asked for again at `host_next_at`.
 */
nf_err nf_state_done(struct nf_state *st, const struct nf_claim *c,
		     int http_status, const char *etag,
		     const char *last_modified, double now,
		     double host_next_at);
nf_err nf_state_failed(struct nf_state *st, const struct nf_claim *c,
		       double retry_at, const char *why, double now,
		       double host_next_at);
nf_err nf_state_skipped(struct nf_state *st, const struct nf_claim *c,
			const char *why, double now, double host_next_at);

/*
 * Put a lease back untouched, e.g. when the host's robots.txt had to be
 * fetched first or the run is stopping; the host is free at
 * `host_next_at`.
 */
nf_err nf_state_unclaim(struct nf_state *st, const struct nf_claim *c,
			double host_next_at);

/*
 * The robots.txt cache.  get: *found false when the host has no entry or
 * it is older than `max_age` seconds; otherwise *status (HTTP status, or
 * 0 for unreachable), *body (malloc'd, maybe empty) and *fetched_at.
 */
nf_err nf_state_robots_get(struct nf_state *st, const char *host, double now,
			   double max_age, bool *found, int *status,
			   char **body, size_t *len, double *fetched_at);
nf_err nf_state_robots_put(struct nf_state *st, const char *host, int status,
			   const char *body, size_t len, double fetched_at);

/* How many URLs (of `kind`, or any kind when kind < 0) have `status`. */
nf_err nf_state_count(struct nf_state *st, int kind, enum nf_url_status status,
		      long long *n);

/* The status of one URL; false when unknown. */
bool nf_state_lookup(struct nf_state *st, const char *url,
		     enum nf_url_status *status, int *failures);

/* Seconds since the epoch, with sub-second precision. */
double nf_now(void);

#endif
