/*
 * crawler/engine.h - the crawl: claim due URLs from the state, fetch them
 * in parallel on one libcurl multi handle (one request per host at a
 * time, a gap between requests, HTTP/2 where offered, gzip/deflate/br),
 * obey robots.txt, discover article URLs in feeds, sitemaps and section
 * pages, archive every exchange, and hand each fetched article to the
 * caller's callback.  The engine never calls a later stage: what happens
 * to an article is the callback's business.
 *
 * Politeness: a host gets one request at a time and a gap of
 * max(source delay, robots Crawl-delay capped at max_crawl_delay) between
 * the end of one request and the start of the next.  robots.txt comes
 * first on every host (RFC 9309: 2xx parsed, 4xx allow all, 5xx or
 * unreachable disallow all, for now: URLs of that host wait), cached 24 h
 * in the state; its Sitemap: lines are queued for discovery.
 *
 * Retries: timeouts, resets, truncated bodies, 429 and 5xx are retried
 * up to max_retries times, after base * 2^n seconds with ±50% jitter, or
 * after Retry-After when the server says so (which also holds the whole
 * host).  A body or header block past its cap, a decoding error, a
 * redirect chain past max_redirects and other 4xx are final.
 * Redirects are not followed inside libcurl: each hop is archived and its
 * target queued as a URL of its own, so a loop ends at a known URL.
 */
#ifndef NF_CRAWLER_ENGINE_H
#define NF_CRAWLER_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "crawler/state.h"
#include "crawler/warc_write.h"

/* One configured source: a site, its entry points and URL patterns. */
struct nf_crawl_source {
	char *name;
	struct nf_strv seeds; /* feeds, sitemaps or section pages */
	struct nf_strv allow; /* POSIX extended regexes; empty = any */
	struct nf_strv deny;
	double delay;	      /* seconds between requests; < 0: default */
	long max_pages;	      /* articles fetched per run; 0: no limit */
	bool robots_sitemaps; /* queue the Sitemap: lines of robots.txt */
};

void nf_crawl_source_release(struct nf_crawl_source *s);

struct nf_engine_opts {
	const char *user_agent;	  /* full header value */
	const char *robots_agent; /* product token matched in robots.txt */
	bool obey_robots;
	double delay;		/* default gap per host, seconds */
	double max_crawl_delay; /* Crawl-delay above this is clamped */
	double robots_max_age;	/* seconds a cached robots.txt is used */
	long connect_timeout_ms;
	long timeout_ms;
	size_t max_body_bytes;	 /* decoded body; past it the URL fails */
	size_t max_header_bytes; /* response header block */
	int max_retries;
	double retry_base; /* seconds; the first retry waits ~this */
	double max_wait;   /* a run ends rather than wait longer */
	int max_redirects;
	long max_pages;	  /* articles fetched this run; 0: no limit */
	int max_parallel; /* transfers (hosts) at once */
	struct nf_warc_writer *warc; /* borrowed, or NULL */
	int verbosity; /* 0 quiet, 1 summary and errors, 2 a line per fetch */
	bool progress; /* a self-updating progress line (a terminal) */
};

/* Defaults: 1 s delay, 30 s Crawl-delay cap, 24 h robots, 10 s connect,
 * 30 s total, 16 MiB body, 64 KiB headers, 3 retries from 2 s, 5
 * redirects, 8 hosts in parallel. */
struct nf_engine_opts nf_engine_defaults(void);

/* An archived article handed to the callback; everything is borrowed. */
struct nf_engine_page {
	const char *url; /* canonical URL it was fetched as */
	const char *source;
	const char *content_type; /* or NULL */
	const char *body;
	size_t len;
	double fetched_at;
	const char *warc_file; /* or NULL without --warc-dir */
	const char *warc_record_id;
	long long warc_offset;
};

/*
 * Called once per fetched HTML article, after it is archived and before
 * its URL is marked done, so a crash in between means a re-fetch, never
 * a loss.  A non-OK return stops the run (the output is broken).
 */
typedef nf_err (*nf_engine_sink)(void *ctx, const struct nf_engine_page *pg);

struct nf_host_stats {
	char host[256];
	long fetched, articles, unchanged, failed, retried, skipped;
};

struct nf_engine_stats {
	long requests;	/* every HTTP request sent, robots included */
	long fetched;	/* final answers (any status) */
	long articles;	/* new articles handed to the sink */
	long unchanged; /* 304 */
	long failed;	/* gave up, or a final 4xx/5xx */
	long retried;
	long skipped; /* robots.txt, patterns, duplicates */
	long long bytes;
	double seconds;
	struct nf_host_stats *hosts;
	size_t nhosts;
};

void nf_engine_stats_release(struct nf_engine_stats *s);

/*
 * Crawl: re-poll the listings in the state, add the sources' seeds, then
 * fetch until nothing is due within opts->max_wait, max_pages articles
 * were fetched, or nf_engine_stop() was called.  Errors: NF_ERR_USAGE for
 * a bad pattern, NF_ERR_DB from the state, the sink's error.  Failed URLs
 * are not errors; they are counted in *stats.
 */
nf_err nf_engine_run(struct nf_state *st, const struct nf_crawl_source *srcs,
		     size_t nsrcs, const struct nf_engine_opts *opts,
		     nf_engine_sink sink, void *ctx,
		     struct nf_engine_stats *stats);

/* Ask a running crawl to stop after its transfers; async-signal-safe. */
void nf_engine_stop(void);

#endif
