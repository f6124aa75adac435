#include "base/url.h"

#include <ctype.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/banned.h"

/*
 * Query parameters that only say how a reader arrived.  `input` is
 * Yonhap's portal-referral tag (`?input=1195m`); the others are the usual
 * campaign and click identifiers.
 */
static const char *const tracking[] = {
	"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid",
	"mc_eid", "_ga", "input", "from", "ref", "ref_src", "cmpid", "spm",
	NULL,
};

static bool
is_tracking(const char *name, size_t n)
{
	if (n >= 4 && strncmp(name, "utm_", 4) == 0)
		return true;
	for (size_t i = 0; tracking[i]; i++)
		if (strlen(tracking[i]) == n && strncmp(tracking[i], name, n) == 0)
			return true;
	return false;
}

/* Split "scheme://authority/rest"; false unless http or https. */
static bool
split_url(const char *url, size_t *scheme_len, const char **auth,
	  size_t *auth_len, const char **rest)
{
	const char *p = strstr(url, "://");
	const char *a, *e;

	if (!p)
		return false;
	*scheme_len = (size_t)(p - url);
	if (!((*scheme_len == 4 && strncasecmp(url, "http", 4) == 0) ||
	      (*scheme_len == 5 && strncasecmp(url, "https", 5) == 0)))
		return false;
	a = p + 3;
	e = a;
	while (*e && *e != '/' && *e != '?' && *e != '#')
		e++;
	if (e == a)
		return false;
	*auth = a;
	*auth_len = (size_t)(e - a);
	*rest = e;
	return true;
}

bool
nf_url_host(const char *url, char *out, unsigned outlen)
{
	size_t slen, alen, o = 0;
	const char *auth, *rest, *at;

	if (!url || !split_url(url, &slen, &auth, &alen, &rest))
		return false;
	at = memchr(auth, '@', alen);
	if (at) {
		alen -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}
	for (size_t i = 0; i < alen && auth[i] != ':'; i++) {
		if (o + 1 >= outlen)
			return false;
		out[o++] = (char)tolower((unsigned char)auth[i]);
	}
	out[o] = '\0';
	return o > 0;
}

char *
nf_url_canonical(const char *url)
{
	size_t slen, alen;
	const char *auth, *rest, *q, *frag;
	struct nf_buf b = NF_BUF_INIT(0);
	bool https;

	if (!url)
		return NULL;
	while (isspace((unsigned char)*url))
		url++;
	if (!split_url(url, &slen, &auth, &alen, &rest))
		return NULL;
	https = slen == 5;
	nf_buf_append_str(&b, https ? "https://" : "http://");

	const char *at = memchr(auth, '@', alen);
	if (at) {
		alen -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}
	const char *colon = memchr(auth, ':', alen);
	size_t hostlen = colon ? (size_t)(colon - auth) : alen;
	for (size_t i = 0; i < hostlen; i++)
		nf_buf_append_char(&b, (char)tolower((unsigned char)auth[i]));
	if (colon) {
		const char *port = colon + 1;
		size_t plen = alen - hostlen - 1;
		bool dflt = (plen == 2 && !https && strncmp(port, "80", 2) == 0) ||
			    (plen == 3 && https && strncmp(port, "443", 3) == 0) ||
			    plen == 0;
		if (!dflt) {
			nf_buf_append_char(&b, ':');
			nf_buf_append(&b, port, plen);
		}
	}

	frag = strchr(rest, '#');
	size_t restlen = frag ? (size_t)(frag - rest) : strlen(rest);
	q = memchr(rest, '?', restlen);
	size_t pathlen = q ? (size_t)(q - rest) : restlen;
	if (pathlen == 0)
		nf_buf_append_char(&b, '/');
	else
		nf_buf_append(&b, rest, pathlen);

	if (q) {
		const char *p = q + 1, *end = rest + restlen;
		bool first = true;
		while (p < end) {
			const char *amp = memchr(p, '&', (size_t)(end - p));
			const char *pe = amp ? amp : end;
			const char *eq = memchr(p, '=', (size_t)(pe - p));
			size_t nlen = eq ? (size_t)(eq - p) : (size_t)(pe - p);
			if (pe > p && !is_tracking(p, nlen)) {
				nf_buf_append_char(&b, first ? '?' : '&');
				nf_buf_append(&b, p, (size_t)(pe - p));
				first = false;
			}
			p = amp ? amp + 1 : end;
		}
	}
	return nf_buf_detach(&b);
}

/* Remove "." and ".." segments from an absolute path (RFC 3986 5.2.4). */
static void
remove_dots(struct nf_buf *out, const char *path, size_t n)
{
	size_t stack[256], depth = 0;
	size_t i = 0;

	nf_buf_reset(out);
	while (i < n) {
		size_t j = i + 1;
		while (j < n && path[j] != '/')
			j++;
		const char *seg = path + i + 1;
		size_t slen = j - i - 1;
		if (slen == 1 && seg[0] == '.') {
			if (j == n)
				nf_buf_append_char(out, '/');
		} else if (slen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (depth) {
				out->len = stack[--depth];
				out->data[out->len] = '\0';
			}
			if (j == n)
				nf_buf_append_char(out, '/');
		} else {
			if (depth < 256)
				stack[depth++] = out->len;
			nf_buf_append_char(out, '/');
			nf_buf_append(out, seg, slen);
		}
		i = j;
	}
	if (out->len == 0)
		nf_buf_append_char(out, '/');
}

char *
nf_url_resolve(const char *base, const char *ref)
{
	size_t slen, alen;
	const char *auth, *rest;
	struct nf_buf b = NF_BUF_INIT(0), path = NF_BUF_INIT(0);

	if (!ref)
		return base ? nf_xstrdup(base) : NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	if (strstr(ref, "://") && split_url(ref, &slen, &auth, &alen, &rest))
		return nf_xstrdup(ref);
	if (!base || !split_url(base, &slen, &auth, &alen, &rest))
		return NULL;
	if (ref[0] == '/' && ref[1] == '/') {
		nf_buf_append(&b, base, slen);
		nf_buf_append_str(&b, ":");
		nf_buf_append_str(&b, ref);
		return nf_buf_detach(&b);
	}
	nf_buf_append(&b, base, (size_t)(auth + alen - base));
	if (ref[0] == '#' || ref[0] == '\0') {
		nf_buf_append_str(&b, rest);
		return nf_buf_detach(&b);
	}
	size_t reflen = strcspn(ref, "?#");
	if (ref[0] == '/') {
		remove_dots(&path, ref, reflen);
	} else if (ref[0] == '?') {
		size_t bp = strcspn(rest, "?#");
		nf_buf_append(&b, rest, bp);
		nf_buf_append_str(&b, ref);
		return nf_buf_detach(&b);
	} else {
		struct nf_buf merged = NF_BUF_INIT(0);
		size_t bp = strcspn(rest, "?#");
		const char *slash = NULL;
		for (size_t i = 0; i < bp; i++)
			if (rest[i] == '/')
				slash = rest + i;
		if (slash)
			nf_buf_append(&merged, rest, (size_t)(slash - rest) + 1);
		else
			nf_buf_append_char(&merged, '/');
		nf_buf_append(&merged, ref, reflen);
		remove_dots(&path, merged.data, merged.len);
		nf_buf_release(&merged);
	}
	nf_buf_append(&b, path.data, path.len);
	nf_buf_append_str(&b, ref + reflen);
	nf_buf_release(&path);
	return nf_buf_detach(&b);
}
