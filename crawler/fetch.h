/*
 * crawler/fetch.h - one HTTP(S) GET with libcurl, with caps.
 *
 * Only crawler/ touches the network.  The body and headers are capped; a
 * body past the cap ends the transfer with NF_ERR_LIMIT having cost at
 * most the cap in memory.  gzip/deflate/br are decoded by libcurl.
 */
#ifndef NF_CRAWLER_FETCH_H
#define NF_CRAWLER_FETCH_H

#include <stddef.h>

#include "base/buf.h"

struct nf_fetch_opts {
	const char *user_agent; /* product token with contact URL */
	long connect_timeout_ms;
	long timeout_ms;
	long max_redirects;
	size_t max_body_bytes;
};

/* Defaults: newsfact UA, 10 s connect, 30 s total, 5 redirects, 16 MiB. */
struct nf_fetch_opts nf_fetch_defaults(void);

struct nf_response {
	long status;
	char *final_url;    /* after redirects */
	char *content_type; /* or NULL */
	struct nf_buf body;
};

void nf_response_release(struct nf_response *r);

/* Append "libcurl 7.88.1, zlib 1.2.13" style text, for --version. */
void nf_crawler_versions(struct nf_buf *out);

/* Call once at program start (curl_global_init) and at exit. */
nf_err nf_fetch_global_init(void);
void nf_fetch_global_cleanup(void);

/*
 * GET `url`.  NF_ERR_NET with libcurl's message on a transport failure;
 * NF_ERR_LIMIT past max_body_bytes.  Any HTTP status is a success here;
 * the caller decides what a 404 means.
 */
nf_err nf_fetch_get(struct nf_response *out, const char *url,
		    const struct nf_fetch_opts *opts);

#endif
