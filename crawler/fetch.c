#include "crawler/fetch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <zlib.h>

#include "base/banned.h"

void
nf_crawler_versions(struct nf_buf *out)
{
	curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);

	nf_buf_printf(out, "libcurl %s, zlib %s", v->version, zlibVersion());
}

struct nf_fetch_opts
nf_fetch_defaults(void)
{
	return (struct nf_fetch_opts){
	    .user_agent = "newsfact/" NF_VERSION
			  " (+https://github.com/newsfact/newsfact)",
	    .connect_timeout_ms = 10000,
	    .timeout_ms = 30000,
	    .max_redirects = 5,
	    .max_body_bytes = 16u << 20,
	};
}

nf_err
nf_fetch_global_init(void)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);

	if (rc != CURLE_OK)
		return nf_fail(NF_ERR_INTERNAL, "curl_global_init: %s",
			       curl_easy_strerror(rc));
	return NF_OK;
}

void
nf_fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

void
nf_response_release(struct nf_response *r)
{
	free(r->final_url);
	free(r->content_type);
	nf_buf_release(&r->body);
	r->final_url = r->content_type = NULL;
}

struct sink {
	struct nf_buf *body;
	bool over;
};

/* Returning less than asked aborts the transfer: that is how the cap bites. */
static size_t
on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct sink *s = userdata;
	size_t n = size * nmemb;

	if (nf_buf_append(s->body, p, n) != NF_OK) {
		s->over = true;
		return 0;
	}
	return n;
}

nf_err
nf_fetch_get(struct nf_response *out, const char *url,
	     const struct nf_fetch_opts *opts)
{
	CURL *h = curl_easy_init();
	char errbuf[CURL_ERROR_SIZE] = "";
	struct sink sink;
	CURLcode rc;
	nf_err err = NF_OK;
	char *ct = NULL, *eff = NULL;

	memset(out, 0, sizeof(*out));
	out->body = (struct nf_buf)NF_BUF_INIT(opts->max_body_bytes);
	sink = (struct sink){&out->body, false};
	if (!h)
		return nf_fail(NF_ERR_INTERNAL, "curl_easy_init failed");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_USERAGENT, opts->user_agent);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, opts->max_redirects);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
			 opts->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, opts->timeout_ms);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)opts->max_body_bytes);

	rc = curl_easy_perform(h);
	if (sink.over || rc == CURLE_FILESIZE_EXCEEDED) {
		err = nf_fail(NF_ERR_LIMIT, "%s: body larger than %zu bytes",
			      url, opts->max_body_bytes);
		goto out;
	}
	if (rc != CURLE_OK) {
		err = nf_fail(NF_ERR_NET, "%s: %s", url,
			      errbuf[0] ? errbuf : curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	out->content_type = ct ? nf_xstrdup(ct) : NULL;
	out->final_url = nf_xstrdup(eff ? eff : url);
	nf_buf_terminate(&out->body);
out:
	curl_easy_cleanup(h);
	if (err)
		nf_response_release(out);
	return err;
}
