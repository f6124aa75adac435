#include "crawler/engine.h"

#include <ctype.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/url.h"
#include "crawler/discover.h"
#include "crawler/robots.h"
#include "base/banned.h"

static volatile sig_atomic_t stop_requested;

void
nf_engine_stop(void)
{
	stop_requested = 1;
}

struct nf_engine_opts
nf_engine_defaults(void)
{
	return (struct nf_engine_opts){
	    .user_agent = "newsfact/" NF_VERSION
			  " (+https://github.com/newsfact/newsfact)",
	    .robots_agent = "newsfact",
	    .obey_robots = true,
	    .delay = 1.0,
	    .max_crawl_delay = 30.0,
	    .robots_max_age = 86400.0,
	    .connect_timeout_ms = 10000,
	    .timeout_ms = 30000,
	    .max_body_bytes = 16u << 20,
	    .max_header_bytes = 64u << 10,
	    .max_retries = 3,
	    .retry_base = 2.0,
	    .max_wait = 120.0,
	    .max_redirects = 5,
	    .max_parallel = 8,
	    .verbosity = 1,
	};
}

void
nf_crawl_source_release(struct nf_crawl_source *s)
{
	free(s->name);
	nf_strv_release(&s->seeds);
	nf_strv_release(&s->allow);
	nf_strv_release(&s->deny);
	s->name = NULL;
}

void
nf_engine_stats_release(struct nf_engine_stats *s)
{
	free(s->hosts);
	memset(s, 0, sizeof(*s));
}

/* A source with its patterns compiled. */
struct src {
	const struct nf_crawl_source *cfg;
	regex_t *allow, *deny;
	size_t nallow, ndeny;
	long articles; /* fetched this run */
};

/* What the engine knows of one origin (scheme://host:port). */
struct origin {
	char *key;
	struct nf_robots *robots; /* NULL until known */
	int robots_status;
	double crawl_delay; /* < 0 when none */
};

enum job_kind { JOB_URL, JOB_ROBOTS };

struct job {
	enum job_kind kind;
	struct nf_claim claim;
	struct origin *origin;
	CURL *h;
	struct curl_slist *hdrs;
	struct nf_buf body, headers, request;
	bool body_over, headers_over;
	double started;
	char errbuf[CURL_ERROR_SIZE];
	char *robots_url;
};

struct engine {
	struct nf_state *st;
	const struct nf_engine_opts *o;
	struct src *srcs;
	size_t nsrcs;
	nf_engine_sink sink;
	void *ctx;
	struct nf_engine_stats *stats;
	CURLM *multi;
	struct origin **origins; /* pointers: jobs hold them across growth */
	size_t norigins;
	int active;
	long articles_started;
	double last_progress, t0;
	nf_err fatal;
};

/* ---------- small helpers ---------- */

static struct src *
find_src(struct engine *e, const char *name)
{
	for (size_t i = 0; i < e->nsrcs; i++)
		if (strcmp(e->srcs[i].cfg->name, name ? name : "") == 0)
			return &e->srcs[i];
	return e->nsrcs ? &e->srcs[0] : NULL;
}

static struct nf_host_stats *
host_stats(struct engine *e, const char *host)
{
	struct nf_engine_stats *s = e->stats;

	for (size_t i = 0; i < s->nhosts; i++)
		if (strcmp(s->hosts[i].host, host) == 0)
			return &s->hosts[i];
	s->hosts = nf_xrealloc(s->hosts, (s->nhosts + 1) * sizeof(*s->hosts));
	memset(&s->hosts[s->nhosts], 0, sizeof(*s->hosts));
	snprintf(s->hosts[s->nhosts].host, sizeof(s->hosts[0].host), "%s",
		 host);
	return &s->hosts[s->nhosts++];
}

/* scheme://authority of an absolute URL, malloc'd. */
static char *
origin_of(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (!p)
		return nf_xstrdup(url);
	p += 3;
	n = strcspn(p, "/?#");
	return nf_xstrndup(url, (size_t)(p - url) + n);
}

static struct origin *
get_origin(struct engine *e, const char *url)
{
	char *key = origin_of(url);
	struct origin *o;

	for (size_t i = 0; i < e->norigins; i++)
		if (strcmp(e->origins[i]->key, key) == 0) {
			free(key);
			return e->origins[i];
		}
	e->origins =
	    nf_xrealloc(e->origins, (e->norigins + 1) * sizeof(*e->origins));
	o = nf_xmalloc(sizeof(*o));
	*o = (struct origin){.key = key, .crawl_delay = -1};
	e->origins[e->norigins++] = o;
	return o;
}

static double
host_delay(struct engine *e, const struct src *s, const struct origin *o)
{
	double d = e->o->delay;

	if (s && s->cfg->delay >= 0)
		d = s->cfg->delay;
	if (o && o->crawl_delay > d)
		d = o->crawl_delay < e->o->max_crawl_delay
			? o->crawl_delay
			: e->o->max_crawl_delay;
	return d;
}

static void logf_line(struct engine *e, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
logf_line(struct engine *e, int level, const char *fmt, ...)
{
	va_list ap;

	if (e->o->verbosity < level)
		return;
	if (e->o->progress)
		fputs("\r\033[K", stderr);
	fputs("newsfact: crawl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
progress(struct engine *e, bool force)
{
	double now = nf_now();
	const struct nf_engine_stats *s = e->stats;

	if (!e->o->progress || e->o->verbosity < 1)
		return;
	if (!force && now - e->last_progress < 0.25)
		return;
	e->last_progress = now;
	fprintf(stderr,
		"\r\033[Knewsfact: crawl: %ld fetched, %ld new, %ld unchanged, "
		"%ld failed, %d active, %.1f pages/s",
		s->fetched, s->articles, s->unchanged, s->failed, e->active,
		s->fetched / (now - e->t0 + 1e-9));
}

static bool
matches_any(const regex_t *v, size_t n, const char *url)
{
	for (size_t i = 0; i < n; i++)
		if (regexec(&v[i], url, 0, NULL, 0) == 0)
			return true;
	return false;
}

/* Links that are certainly not articles are never fetched. */
static bool
looks_binary(const char *url)
{
	static const char *const ext[] = {
	    ".pdf", ".jpg",  ".jpeg", ".png", ".gif", ".webp", ".svg", ".zip",
	    ".mp3", ".mp4",  ".avi",  ".hwp", ".doc", ".docx", ".xls", ".xlsx",
	    ".ppt", ".pptx", ".css",  ".js",  ".ico", ".exe",  ".gz",  ".rar"};
	size_t n = strcspn(url, "?#");

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t k = strlen(ext[i]);
		if (n > k && strncasecmp(url + n - k, ext[i], k) == 0 &&
		    strncasecmp(ext[i], ".gz", 3) != 0)
			return true;
	}
	return false;
}

static bool
wanted(const struct src *s, const char *url)
{
	if (looks_binary(url))
		return false;
	if (!s)
		return true;
	if (s->nallow && !matches_any(s->allow, s->nallow, url))
		return false;
	return !matches_any(s->deny, s->ndeny, url);
}

static void
add_url(struct engine *e, const char *url, enum nf_url_kind kind,
	const char *source, int depth)
{
	bool added;

	if (nf_state_add(e->st, url, kind, source, depth, nf_now(), &added) !=
	    NF_OK) {
		logf_line(e, 2, "%s", nf_last_error());
		return;
	}
	if (added)
		logf_line(e, 3, "queued %s %s", nf_url_kind_name(kind), url);
}

/*
 * "2026-11-29T10:00:00+09:00" (or a date alone, or "Z") as seconds since
 * the epoch; false when it is not that shape.  discover.h gives every
 * date in this form.
 */
static bool
iso_to_epoch(const char *s, double *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	long off = 0;
	struct tm tm;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return false;
	s += n;
	if ((*s == 'T' || *s == ' ') &&
	    sscanf(s + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) == 3) {
		s += 1 + n;
		while (*s == '.' || isdigit((unsigned char)*s))
			s++;
		if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
			int oh = 0, om = 0;
			if (sscanf(s + 1, "%2d:%2d", &oh, &om) < 1)
				return false;
			off = (*s == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
		}
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (double)timegm(&tm) - (double)off;
	return true;
}

/*
 * A sitemap's lastmod (or an Atom entry's updated) newer than our fetch
 * of an article means the article changed: fetch it again.
 */
static void
refresh_if_changed(struct engine *e, const char *url, const char *updated)
{
	double changed_at;
	bool requeued;

	if (!iso_to_epoch(updated, &changed_at))
		return;
	if (nf_state_refresh(e->st, url, changed_at, nf_now(), &requeued) !=
	    NF_OK) {
		logf_line(e, 2, "%s", nf_last_error());
		return;
	}
	if (requeued)
		logf_line(e, 3, "changed since our fetch, queued again: %s",
			  url);
}

/* Header value (trimmed) of the last response block, malloc'd or NULL. */
static char *
header_value(const struct nf_buf *h, const char *name)
{
	size_t nl = strlen(name), i = 0;

	while (h->data && i < h->len) {
		const char *line = h->data + i;
		const char *end = memchr(line, '\n', h->len - i);
		size_t len = end ? (size_t)(end - line) : h->len - i;
		i += len + 1;
		if (len > nl && line[nl] == ':' &&
		    strncasecmp(line, name, nl) == 0) {
			const char *v = line + nl + 1;
			size_t vl = len - nl - 1;
			while (vl && (*v == ' ' || *v == '\t'))
				v++, vl--;
			while (vl && isspace((unsigned char)v[vl - 1]))
				vl--;
			return nf_xstrndup(v, vl);
		}
	}
	return NULL;
}

/* Retry-After: delta seconds or an HTTP-date; -1 when absent or bad. */
static double
retry_after(const struct nf_buf *h, double now)
{
	char *v = header_value(h, "Retry-After");
	double secs = -1;

	if (!v)
		return -1;
	char *end;
	long n = strtol(v, &end, 10);
	if (end != v && *end == '\0' && n >= 0) {
		secs = (double)n;
	} else {
		time_t t = curl_getdate(v, NULL);
		if (t > 0)
			secs = (double)t - now > 0 ? (double)t - now : 0;
	}
	free(v);
	return secs;
}

static double
backoff(const struct engine *e, int failures)
{
	double b = e->o->retry_base;

	for (int i = 0; i < failures && b < 3600; i++)
		b *= 2;
	/* ±50% jitter, so hosts that failed together retry apart. */
	b *= 0.5 + (double)rand() / ((double)RAND_MAX + 1.0);
	return b > 3600 ? 3600 : b;
}

static bool
is_html(const char *ct, const char *body, size_t len)
{
	if (ct)
		return strncasecmp(ct, "text/html", 9) == 0 ||
		       strncasecmp(ct, "application/xhtml", 17) == 0;
	for (size_t i = 0; i < len && i < 512; i++) {
		if (isspace((unsigned char)body[i]))
			continue;
		return strncasecmp(body + i, "<!doc", 5) == 0 ||
		       strncasecmp(body + i, "<html", 5) == 0;
	}
	return false;
}

/* ---------- libcurl callbacks ---------- */

static size_t
on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct job *j = userdata;
	size_t n = size * nmemb;

	if (nf_buf_append(&j->body, p, n) != NF_OK) {
		j->body_over = true;
		return 0; /* aborts the transfer: the cap has bitten */
	}
	return n;
}

static size_t
on_header(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct job *j = userdata;
	size_t n = size * nmemb;

	/* A new status line (after a 1xx) starts a new header block. */
	if (n > 5 && strncmp(p, "HTTP/", 5) == 0)
		nf_buf_reset(&j->headers);
	if (nf_buf_append(&j->headers, p, n) != NF_OK) {
		j->headers_over = true;
		return 0;
	}
	return n;
}

static int
on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userdata)
{
	struct job *j = userdata;

	if (type == CURLINFO_HEADER_OUT) {
		nf_buf_reset(&j->request);
		nf_buf_append(&j->request, data, size);
	}
	return 0;
}

/* ---------- starting and finishing transfers ---------- */

static void
job_free(struct job *j)
{
	if (j->h)
		curl_easy_cleanup(j->h);
	curl_slist_free_all(j->hdrs);
	nf_buf_release(&j->body);
	nf_buf_release(&j->headers);
	nf_buf_release(&j->request);
	nf_claim_release(&j->claim);
	free(j->robots_url);
	free(j);
}

static nf_err
start(struct engine *e, struct job *j, const char *url)
{
	const struct nf_engine_opts *o = e->o;
	CURLMcode mc;

	j->h = curl_easy_init();
	if (!j->h)
		return nf_fail(NF_ERR_INTERNAL, "curl_easy_init failed");
	j->body = (struct nf_buf)NF_BUF_INIT(j->kind == JOB_ROBOTS
						 ? NF_ROBOTS_MAX_BYTES * 2
						 : o->max_body_bytes);
	j->headers = (struct nf_buf)NF_BUF_INIT(o->max_header_bytes);
	j->request = (struct nf_buf)NF_BUF_INIT(o->max_header_bytes);
	curl_easy_setopt(j->h, CURLOPT_URL, url);
	curl_easy_setopt(j->h, CURLOPT_PRIVATE, j);
	curl_easy_setopt(j->h, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(j->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(j->h, CURLOPT_CONNECTTIMEOUT_MS,
			 o->connect_timeout_ms);
	curl_easy_setopt(j->h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(j->h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(j->h, CURLOPT_HTTP_VERSION,
			 (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(j->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(j->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->h, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(j->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(j->h, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(j->h, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(j->h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(j->h, CURLOPT_DEBUGDATA, j);
	curl_easy_setopt(j->h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(j->h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)j->body.cap);
	if (j->kind == JOB_URL && (j->claim.etag || j->claim.last_modified)) {
		struct nf_buf b = NF_BUF_INIT(0);
		if (j->claim.etag) {
			nf_buf_printf(&b, "If-None-Match: %s", j->claim.etag);
			j->hdrs = curl_slist_append(j->hdrs, b.data);
			nf_buf_reset(&b);
		}
		if (j->claim.last_modified) {
			nf_buf_printf(&b, "If-Modified-Since: %s",
				      j->claim.last_modified);
			j->hdrs = curl_slist_append(j->hdrs, b.data);
		}
		nf_buf_release(&b);
		curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->hdrs);
	}
	j->started = nf_now();
	mc = curl_multi_add_handle(e->multi, j->h);
	if (mc != CURLM_OK)
		return nf_fail(NF_ERR_INTERNAL, "curl_multi_add_handle: %s",
			       curl_multi_strerror(mc));
	e->active++;
	e->stats->requests++;
	return NF_OK;
}

static void
archive(struct engine *e, struct job *j, const char *url, long status,
	char id[48], const char **file, long long *offset)
{
	char *ip = NULL;
	bool revisit;

	id[0] = '\0';
	*file = NULL;
	*offset = -1;
	if (!e->o->warc)
		return;
	curl_easy_getinfo(j->h, CURLINFO_PRIMARY_IP, &ip);
	struct nf_warc_capture c = {
	    .url = url,
	    .date = j->started,
	    .ip = ip && *ip ? ip : NULL,
	    .request = j->request.data,
	    .request_len = j->request.len,
	    .headers = j->headers.data,
	    .headers_len = j->headers.len,
	    .payload = j->body.data,
	    .payload_len = j->body.len,
	    .status = (int)status,
	};
	if (nf_warc_write_capture(e->o->warc, &c, id, file, offset, &revisit) !=
	    NF_OK) {
		/* An archive that cannot be written is a broken run. */
		e->fatal = NF_ERR_IO;
		logf_line(e, 0, "%s", nf_last_error());
	}
}

static void
robots_done(struct engine *e, struct job *j, CURLcode rc, long status)
{
	struct origin *o = j->origin;
	double now = nf_now();
	const struct src *s = find_src(e, j->claim.source);

	if (rc == CURLE_OK) {
		char id[48];
		const char *file;
		long long off;
		archive(e, j, j->robots_url, status, id, &file, &off);
	}
	if (rc != CURLE_OK)
		status = 0;
	o->robots_status = (int)status;
	nf_robots_free(o->robots);
	o->robots = NULL;
	if (status >= 200 && status < 300)
		nf_robots_parse(&o->robots, j->body.data ? j->body.data : "",
				j->body.len);
	else if (status >= 400 && status < 500)
		o->robots = nf_robots_allow_all();
	else
		o->robots = nf_robots_disallow_all();
	if (status >= 200 && status < 500)
		nf_state_robots_put(e->st, o->key, (int)status,
				    status < 300 ? j->body.data : NULL,
				    status < 300 ? j->body.len : 0, now);
	o->crawl_delay =
	    o->robots ? nf_robots_crawl_delay(o->robots, e->o->robots_agent)
		      : -1;
	logf_line(e, 2, "robots %ld %s%s", status, j->robots_url,
		  rc != CURLE_OK ? " (unreachable)" : "");
	if (o->robots && s && s->cfg->robots_sitemaps && status >= 200 &&
	    status < 300) {
		const char *const *maps;
		size_t n = nf_robots_sitemaps(o->robots, &maps);
		for (size_t i = 0; i < n; i++) {
			char *abs = nf_url_resolve(j->robots_url, maps[i]);
			char *canon = abs ? nf_url_canonical(abs) : NULL;
			if (canon)
				add_url(e, canon, NF_KIND_SITEMAP,
					j->claim.source, 0);
			free(abs);
			free(canon);
		}
	}
	/* The URL that needed robots.txt goes back in line, a gap later;
	 * after a 5xx or no answer the host waits ten minutes. */
	double next = now + host_delay(e, s, o);
	if (status == 0 || status >= 500) {
		next = now + 600;
		nf_robots_free(o->robots);
		o->robots = NULL;
	}
	nf_state_unclaim(e->st, &j->claim, next);
}

static void
discover(struct engine *e, struct job *j, const char *ct)
{
	const char *url = j->claim.url;
	const struct src *s = find_src(e, j->claim.source);
	enum nf_doc_kind kind = NF_DOC_UNKNOWN;
	struct nf_discovered *d = NULL;
	size_t n = 0, found = 0;
	const char *body = j->body.data ? j->body.data : "";

	if (!is_html(ct, body, j->body.len)) {
		if (nf_discover_parse(body, j->body.len, ct, url, 0, &kind, &d,
				      &n) != NF_OK) {
			logf_line(e, 1, "%s: %s", url, nf_last_error());
			return;
		}
		for (size_t i = 0; i < n; i++) {
			if (d[i].is_sitemap) {
				add_url(e, d[i].url, NF_KIND_SITEMAP,
					j->claim.source, 0);
				found++;
			} else if (wanted(s, d[i].url)) {
				add_url(e, d[i].url, NF_KIND_ARTICLE,
					j->claim.source, 0);
				refresh_if_changed(e, d[i].url, d[i].updated);
				found++;
			}
		}
		nf_discovered_free(d, n);
	}
	if (kind == NF_DOC_UNKNOWN && is_html(ct, body, j->body.len)) {
		struct nf_strv links = {0};
		char host[256], lh[256];
		nf_url_host(url, host, sizeof(host));
		if (nf_discover_links(body, j->body.len, url, &links) ==
		    NF_OK) {
			for (size_t i = 0; i < links.n; i++) {
				/* Section pages point everywhere; only
				 * the site's own pages are its articles. */
				if (!nf_url_host(links.v[i], lh, sizeof(lh)) ||
				    strcmp(lh, host) != 0 ||
				    strcmp(links.v[i], url) == 0)
					continue;
				if (wanted(s, links.v[i])) {
					add_url(e, links.v[i], NF_KIND_ARTICLE,
						j->claim.source, 0);
					found++;
				}
			}
		}
		nf_strv_release(&links);
	}
	logf_line(e, 2, "%s: %zu URLs", url, found);
}

/*
 * An article page: skip it when it declares a canonical URL already
 * known (the same article under a second URL), else hand it on.
 */
static void
article(struct engine *e, struct job *j, const char *ct, const char *id,
	const char *file, long long off, struct nf_host_stats *hs)
{
	const char *url = j->claim.url;
	const char *body = j->body.data ? j->body.data : "";
	char *canon;
	bool dup = false;

	if (!is_html(ct, body, j->body.len)) {
		logf_line(e, 2, "%s: not HTML (%s), not an article", url,
			  ct ? ct : "no type");
		return;
	}
	canon = nf_discover_canonical(body, j->body.len, url);
	if (canon && strcmp(canon, url) != 0) {
		char h1[256], h2[256];
		bool added = true;
		if (nf_url_host(canon, h1, sizeof(h1)) &&
		    nf_url_host(url, h2, sizeof(h2)) && strcmp(h1, h2) == 0)
			nf_state_add_settled(e->st, canon, NF_KIND_ARTICLE,
					     j->claim.source, NF_URL_DONE,
					     nf_now(), &added);
		dup = !added;
	}
	if (dup) {
		logf_line(e, 2, "%s: duplicate of %s", url, canon);
		e->stats->skipped++;
		hs->skipped++;
		free(canon);
		return;
	}
	free(canon);
	struct nf_engine_page pg = {
	    .url = url,
	    .source = j->claim.source,
	    .content_type = ct,
	    .body = body,
	    .len = j->body.len,
	    .fetched_at = j->started,
	    .warc_file = file,
	    .warc_record_id = id[0] ? id : NULL,
	    .warc_offset = off,
	};
	e->stats->articles++;
	hs->articles++;
	if (e->sink) {
		nf_err err = e->sink(e->ctx, &pg);
		if (err)
			e->fatal = err;
	}
}

static bool
retryable(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

static void
fail(struct engine *e, struct job *j, bool retry, double wait, const char *why,
     double host_next, struct nf_host_stats *hs)
{
	double now = nf_now();
	const struct nf_claim *c = &j->claim;

	if (retry && c->failures < e->o->max_retries) {
		double w = backoff(e, c->failures);
		if (wait > w)
			w = wait;
		e->stats->retried++;
		hs->retried++;
		logf_line(e, 2, "retry in %.1fs: %s: %s", w, c->url, why);
		nf_state_failed(e->st, c, now + w, why, now, host_next);
		return;
	}
	e->stats->failed++;
	hs->failed++;
	logf_line(e, 1, "failed: %s: %s", c->url, why);
	nf_state_failed(e->st, c, 0, why, now, host_next);
}

static void
url_done(struct engine *e, struct job *j, CURLcode rc, long status)
{
	const struct src *s = find_src(e, j->claim.source);
	struct nf_host_stats *hs = host_stats(e, j->claim.host);
	double now = nf_now();
	double host_next = now + host_delay(e, s, j->origin);
	char *ct = NULL, *etag = NULL, *lm = NULL, why[CURL_ERROR_SIZE + 64];
	char id[48];
	const char *file;
	long long off;

	e->stats->bytes += (long long)j->body.len;
	if (j->body_over || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(why, sizeof(why), "body larger than %zu bytes",
			 j->body.cap);
		fail(e, j, false, 0, why, host_next, hs);
		return;
	}
	if (j->headers_over) {
		snprintf(why, sizeof(why), "headers larger than %zu bytes",
			 j->headers.cap);
		fail(e, j, false, 0, why, host_next, hs);
		return;
	}
	if (rc != CURLE_OK) {
		snprintf(why, sizeof(why), "%s",
			 j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
		fail(e, j, retryable(rc), 0, why, host_next, hs);
		return;
	}
	e->stats->fetched++;
	hs->fetched++;
	{
		char *t = NULL;
		curl_easy_getinfo(j->h, CURLINFO_CONTENT_TYPE, &t);
		ct = t ? nf_xstrdup(t) : NULL;
	}
	logf_line(e, 2, "%ld %s %s (%zu bytes, %.0f ms)", status,
		  nf_url_kind_name(j->claim.kind), j->claim.url, j->body.len,
		  (now - j->started) * 1000);
	if (status == 429 || status >= 500) {
		double ra = retry_after(&j->headers, now);
		archive(e, j, j->claim.url, status, id, &file, &off);
		snprintf(why, sizeof(why), "HTTP %ld", status);
		if (ra > 0 && now + ra > host_next)
			host_next = now + ra;
		fail(e, j, true, ra, why, host_next, hs);
		goto out;
	}
	archive(e, j, j->claim.url, status, id, &file, &off);
	if (status >= 300 && status < 400 && status != 304) {
		char *loc = header_value(&j->headers, "Location");
		char *abs = loc ? nf_url_resolve(j->claim.url, loc) : NULL;
		char *canon = abs ? nf_url_canonical(abs) : NULL;
		if (!canon) {
			fail(e, j, false, 0,
			     "redirect without a usable Location", host_next,
			     hs);
		} else if (j->claim.depth + 1 > e->o->max_redirects) {
			fail(e, j, false, 0, "too many redirects", host_next,
			     hs);
		} else {
			bool added;
			nf_state_add(e->st, canon, j->claim.kind,
				     j->claim.source, j->claim.depth + 1, now,
				     &added);
			logf_line(e, 2, "%s -> %s%s", j->claim.url, canon,
				  added ? "" : " (known: not fetched again)");
			nf_state_done(e->st, &j->claim, (int)status, NULL, NULL,
				      now, host_next);
		}
		free(loc);
		free(abs);
		free(canon);
		goto out;
	}
	if (status == 304) {
		e->stats->unchanged++;
		hs->unchanged++;
		nf_state_done(e->st, &j->claim, 304, NULL, NULL, now,
			      host_next);
		goto out;
	}
	if (status >= 400) {
		snprintf(why, sizeof(why), "HTTP %ld", status);
		e->stats->failed++;
		hs->failed++;
		logf_line(e, 1, "failed: %s: %s", j->claim.url, why);
		nf_state_done(e->st, &j->claim, (int)status, NULL, NULL, now,
			      host_next);
		goto out;
	}
	if (j->claim.kind == NF_KIND_ARTICLE)
		article(e, j, ct, id, file, off, hs);
	else
		discover(e, j, ct);
	if (e->fatal) {
		/* The sink could not write: leave the URL for the next run. */
		nf_state_unclaim(e->st, &j->claim, now);
		goto out;
	}
	etag = header_value(&j->headers, "ETag");
	lm = header_value(&j->headers, "Last-Modified");
	nf_state_done(e->st, &j->claim, (int)status, etag, lm, now, host_next);
out:
	free(ct);
	free(etag);
	free(lm);
}

static void
finish(struct engine *e, CURLMsg *m)
{
	struct job *j = NULL;
	long status = 0;

	curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
	curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(e->multi, m->easy_handle);
	e->active--;
	if (j->kind == JOB_ROBOTS)
		robots_done(e, j, m->data.result, status);
	else
		url_done(e, j, m->data.result, status);
	job_free(j);
}

/* ---------- claiming ---------- */

static bool
robots_known(struct engine *e, struct origin *o)
{
	bool found;
	int status;
	char *body;
	size_t len;
	double at;

	if (o->robots)
		return true;
	if (nf_state_robots_get(e->st, o->key, nf_now(), e->o->robots_max_age,
				&found, &status, &body, &len, &at) != NF_OK ||
	    !found) {
		free(body);
		return false;
	}
	if (status >= 200 && status < 300)
		nf_robots_parse(&o->robots, body, len);
	else
		o->robots = nf_robots_allow_all();
	o->robots_status = status;
	o->crawl_delay =
	    o->robots ? nf_robots_crawl_delay(o->robots, e->o->robots_agent)
		      : -1;
	free(body);
	return o->robots != NULL;
}

/* Start work for one claimed URL; false when nothing was started. */
static void
dispatch(struct engine *e, struct nf_claim *c)
{
	struct job *j = nf_xcalloc(1, sizeof(*j));
	struct origin *o = get_origin(e, c->url);
	const struct src *s = find_src(e, c->source);

	j->claim = *c;
	memset(c, 0, sizeof(*c));
	j->origin = o;
	if (e->o->obey_robots && !robots_known(e, o)) {
		j->kind = JOB_ROBOTS;
		j->robots_url = nf_xmalloc(strlen(o->key) + 12);
		snprintf(j->robots_url, strlen(o->key) + 12, "%s/robots.txt",
			 o->key);
		if (start(e, j, j->robots_url) != NF_OK) {
			logf_line(e, 0, "%s", nf_last_error());
			nf_state_unclaim(e->st, &j->claim, nf_now() + 1);
			job_free(j);
		}
		return;
	}
	if (e->o->obey_robots) {
		char *path = nf_robots_path(j->claim.url);
		bool ok =
		    nf_robots_allowed(o->robots, e->o->robots_agent, path);
		free(path);
		if (!ok) {
			struct nf_host_stats *hs = host_stats(e, j->claim.host);
			hs->skipped++;
			e->stats->skipped++;
			logf_line(e, 2, "robots.txt disallows %s",
				  j->claim.url);
			nf_state_skipped(e->st, &j->claim, "robots.txt",
					 nf_now(), nf_now());
			job_free(j);
			return;
		}
	}
	if (j->claim.kind == NF_KIND_ARTICLE) {
		struct src *ms = find_src(e, j->claim.source);
		if ((e->o->max_pages &&
		     e->articles_started >= e->o->max_pages) ||
		    (ms && ms->cfg->max_pages &&
		     ms->articles >= ms->cfg->max_pages)) {
			nf_state_unclaim(e->st, &j->claim, nf_now());
			job_free(j);
			return;
		}
		e->articles_started++;
		if (ms)
			ms->articles++;
	}
	(void)s;
	j->kind = JOB_URL;
	if (start(e, j, j->claim.url) != NF_OK) {
		logf_line(e, 0, "%s", nf_last_error());
		nf_state_unclaim(e->st, &j->claim, nf_now() + 1);
		job_free(j);
	}
}

static nf_err
compile(struct engine *e)
{
	for (size_t i = 0; i < e->nsrcs; i++) {
		struct src *s = &e->srcs[i];
		const struct nf_crawl_source *c = s->cfg;
		s->allow = nf_xcalloc(c->allow.n + 1, sizeof(regex_t));
		s->deny = nf_xcalloc(c->deny.n + 1, sizeof(regex_t));
		for (size_t k = 0; k < c->allow.n; k++) {
			if (regcomp(&s->allow[k], c->allow.v[k],
				    REG_EXTENDED | REG_NOSUB) != 0)
				return nf_fail(NF_ERR_USAGE,
					       "bad --allow pattern: %s",
					       c->allow.v[k]);
			s->nallow++;
		}
		for (size_t k = 0; k < c->deny.n; k++) {
			if (regcomp(&s->deny[k], c->deny.v[k],
				    REG_EXTENDED | REG_NOSUB) != 0)
				return nf_fail(NF_ERR_USAGE,
					       "bad --deny pattern: %s",
					       c->deny.v[k]);
			s->ndeny++;
		}
	}
	return NF_OK;
}

static void
release(struct engine *e)
{
	for (size_t i = 0; i < e->nsrcs; i++) {
		for (size_t k = 0; k < e->srcs[i].nallow; k++)
			regfree(&e->srcs[i].allow[k]);
		for (size_t k = 0; k < e->srcs[i].ndeny; k++)
			regfree(&e->srcs[i].deny[k]);
		free(e->srcs[i].allow);
		free(e->srcs[i].deny);
	}
	free(e->srcs);
	for (size_t i = 0; i < e->norigins; i++) {
		free(e->origins[i]->key);
		nf_robots_free(e->origins[i]->robots);
		free(e->origins[i]);
	}
	free(e->origins);
	if (e->multi)
		curl_multi_cleanup(e->multi);
}

static bool
limit_reached(const struct engine *e)
{
	return e->o->max_pages && e->articles_started >= e->o->max_pages;
}

nf_err
nf_engine_run(struct nf_state *st, const struct nf_crawl_source *srcs,
	      size_t nsrcs, const struct nf_engine_opts *opts,
	      nf_engine_sink sink, void *ctx, struct nf_engine_stats *stats)
{
	struct engine e = {.st = st,
			   .o = opts,
			   .sink = sink,
			   .ctx = ctx,
			   .stats = stats,
			   .nsrcs = nsrcs};
	double t0 = nf_now(), next_due = 0;
	nf_err err;

	memset(stats, 0, sizeof(*stats));
	stop_requested = 0;
	srand((unsigned)(t0 * 1000));
	e.t0 = t0;
	e.srcs = nf_xcalloc(nsrcs + 1, sizeof(*e.srcs));
	for (size_t i = 0; i < nsrcs; i++)
		e.srcs[i].cfg = &srcs[i];
	err = compile(&e);
	if (err)
		goto out;
	e.multi = curl_multi_init();
	if (!e.multi) {
		err = nf_fail(NF_ERR_INTERNAL, "curl_multi_init failed");
		goto out;
	}
	curl_multi_setopt(e.multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	curl_multi_setopt(e.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
			  (long)opts->max_parallel);
	err = nf_state_repoll(st, t0);
	if (err)
		goto out;
	for (size_t i = 0; i < nsrcs; i++)
		for (size_t k = 0; k < srcs[i].seeds.n; k++) {
			char *canon = nf_url_canonical(srcs[i].seeds.v[k]);
			if (!canon) {
				err = nf_fail(NF_ERR_USAGE,
					      "not an http(s) URL: %s",
					      srcs[i].seeds.v[k]);
				goto out;
			}
			add_url(&e, canon, NF_KIND_FEED, srcs[i].name, 0);
			free(canon);
		}

	for (;;) {
		double now = nf_now();
		bool stopping = stop_requested || e.fatal || limit_reached(&e);

		next_due = 0;
		while (!stopping && e.active < opts->max_parallel) {
			struct nf_claim c;
			bool got;
			err = nf_state_claim(st, now, &c, &got, &next_due);
			if (err)
				goto out;
			if (!got)
				break;
			dispatch(&e, &c);
			nf_claim_release(&c);
			stopping = limit_reached(&e);
		}
		if (e.active == 0) {
			if (stopping || next_due == 0)
				break;
			if (next_due - now > opts->max_wait) {
				logf_line(&e, 1,
					  "next URL due in %.0f s: leaving it "
					  "for the next run",
					  next_due - now);
				break;
			}
		}
		int running = 0, wait_ms = 200;
		curl_multi_perform(e.multi, &running);
		CURLMsg *m;
		int left;
		bool any = false;
		while ((m = curl_multi_info_read(e.multi, &left)) != NULL) {
			if (m->msg == CURLMSG_DONE) {
				finish(&e, m);
				any = true;
			}
		}
		progress(&e, false);
		if (any)
			continue;
		if (next_due > 0) {
			double ms = (next_due - nf_now()) * 1000;
			if (ms < wait_ms)
				wait_ms = ms < 1 ? 1 : (int)ms;
		}
		curl_multi_poll(e.multi, NULL, 0, wait_ms, NULL);
	}
out:
	stats->seconds = nf_now() - t0;
	progress(&e, true);
	if (opts->progress && opts->verbosity >= 1)
		fputc('\n', stderr);
	release(&e);
	if (!err && e.fatal)
		err = e.fatal;
	return err;
}
