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
