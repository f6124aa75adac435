/*
 * extract/prune.c - copy a page without script and style contents and
 * without comments; see prune.h.
 *
 * One pass over the bytes: memchr to the next '<', then a look at what
 * follows.  Start tags are skipped whole (quoted attribute values
 * included), so a "<script" or "<!--" inside an attribute is not taken
 * for markup.  Anything unterminated (a comment without "-->", a script
 * without "</script") is copied as it is and left to libxml2.
 */
#include "extract/prune.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* What libxml2 takes into an HTML tag name. */
static bool
is_name_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' ||
	       c == '_' || c == '.';
}

/* The '>' that ends the start tag whose attributes begin at p, or NULL. */
static const char *
tag_end(const char *p, const char *end)
{
	bool after_eq = false;
	char quote = 0;

	for (; p < end; p++) {
		char c = *p;

		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '>')
			return p;
		if ((c == '"' || c == '\'') && after_eq) {
			quote = c;
			after_eq = false;
		} else if (c == '=') {
			after_eq = true;
		} else if (!is_space(c)) {
			after_eq = false;
		}
	}
	return NULL;
}

/* The "</name" that closes a raw-text element whose content starts at p. */
static const char *
close_tag(const char *p, const char *end, const char *name, size_t k)
{
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));

		if (!lt || (size_t)(end - lt) < k + 2)
			return NULL;
		if (lt[1] == '/' && strncasecmp(lt + 2, name, k) == 0)
			return lt;
		p = lt + 1;
	}
	return NULL;
}

static bool
contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return true;
	return false;
}

/* Attributes the extractor reads (extract/html.c's attr() asserts that
 * every name it asks for is here), plus charset, http-equiv and src. */
static const char *const kept_attrs[] = {
    "alt",	     "aria-hidden",	  "charset",
    "class",	     "content",		  "data-date-time",
    "data-modify-date-time", "data-published-time", "datetime",
    "hidden",	     "href",		  "http-equiv",
    "id",	     "itemprop",	  "itemscope",
    "itemtype",	     "lang",		  "name",
    "property",	     "pubdate",		  "rel",
    "src",	     "style",		  "type",
    NULL,
};

bool
nf_prune_keeps_attr(const char *name, size_t n)
{
	for (const char *const *k = kept_attrs; *k; k++)
		if (strlen(*k) == n && strncasecmp(*k, name, n) == 0)
			return true;
	return false;
}

/*
 * Rewrite the start tag lt..gt (its attributes begin at a) without the
 * attributes the extractor never reads, as libxml2 would parse it: names
 * of letters, digits and ":-_.", values quoted or up to a blank.  Writes
 * out[copied..lt) and the new tag and returns true; returns false, having
 * written nothing, when nothing is dropped or the tag is not plain enough
 * to be sure how libxml2 reads it (then it is copied as it is).
 */
static bool
rewrite_tag(struct nf_buf *out, const char *copied, const char *lt,
	    const char *a, const char *gt)
{
	const char *keep[64], *keep_end[64], *p = a;
	bool dropped = false, self_close = false;
	size_t nk = 0;

	for (;;) {
		const char *s, *q;
		size_t n;

		while (p < gt && is_space(*p))
			p++;
		if (p == gt)
			break;
		if (*p == '/' && p + 1 == gt) {
			self_close = true;
			break;
		}
		if (!(is_alpha(*p) || *p == '_' || *p == ':' || *p == '.'))
			return false;
		s = p;
		while (p < gt && is_name_char(*p))
			p++;
		n = (size_t)(p - s);
		q = p;
		while (q < gt && is_space(*q))
			q++;
		if (q < gt && *q == '=') {
			q++;
			while (q < gt && is_space(*q))
				q++;
			if (q == gt)
				return false;
			if (*q == '"' || *q == '\'') {
				const char *e = memchr(q + 1, *q, (size_t)(gt - q - 1));

				if (!e)
					return false;
				q = e + 1;
			} else {
				while (q < gt && !is_space(*q))
					q++;
			}
			p = q;
		} else if (p < gt && !is_space(*p) && *p != '/') {
			return false; /* "a\"b": not a plain attribute */
		}
		if (nf_prune_keeps_attr(s, n)) {
			if (nk == sizeof(keep) / sizeof(*keep))
				return false;
			keep[nk] = s;
			keep_end[nk++] = p;
		} else {
			dropped = true;
		}
	}
	if (!dropped)
		return false;
	nf_buf_append(out, copied, (size_t)(lt - copied));
	nf_buf_append(out, lt, (size_t)(a - lt));
	for (size_t i = 0; i < nk; i++) {
		nf_buf_append_char(out, ' ');
		nf_buf_append(out, keep[i], (size_t)(keep_end[i] - keep[i]));
	}
	nf_buf_append_str(out, self_close ? "/>" : ">");
	return true;
}

/* Whether a script's content must reach the extractor. */
static bool
script_is_read(const char *attrs, size_t attrs_len, const char *body,
	       size_t body_len)
{
	static const char fusion[] = "Fusion.globalContent";

	return contains_ci(attrs, attrs_len, "json") ||
	       memmem(body, body_len, fusion, sizeof(fusion) - 1) != NULL;
}

void
nf_prune_html(struct nf_buf *out, const char *html, size_t len)
{
	const char *p = html, *end = html + len, *copied = html;

	nf_buf_reserve(out, len); /* the copy is never longer */
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		const char *name, *gt, *body, *close;
		size_t k;

		if (!lt)
			break;
		p = lt + 1;
		if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *e = memmem(lt + 4, (size_t)(end - lt - 4),
					       "-->", 3);

			if (!e)
				break; /* unterminated: libxml2's business */
			nf_buf_append(out, copied, (size_t)(lt - copied));
			copied = p = e + 3;
			continue;
		}
		if (p >= end || !is_alpha(*p))
			continue;
		name = p;
		while (p < end && is_name_char(*p))
			p++;
		k = (size_t)(p - name);
		gt = tag_end(p, end);
		if (!gt)
			break;
		if (rewrite_tag(out, copied, lt, p, gt))
			copied = gt + 1;
		if (!((k == 6 && strncasecmp(name, "script", 6) == 0) ||
		      (k == 5 && strncasecmp(name, "style", 5) == 0)) ||
		    gt[-1] == '/') { /* libxml2 takes <script/> as empty */
			p = gt + 1;
			continue;
		}
		body = gt + 1;
		close = close_tag(body, end, name, k);
		if (!close)
			break;
		p = close;
		if (k == 6 &&
		    script_is_read(name + k, (size_t)(gt - name - k), body,
				   (size_t)(close - body)))
			continue;
		nf_buf_append(out, copied, (size_t)(body - copied));
		copied = close;
	}
	nf_buf_append(out, copied, (size_t)(end - copied));
}
