/*
 * crawler/discover.c - feeds, sitemaps and section-page links.
 *
 * Documents are decoded to UTF-8 here with ICU rather than by libxml2:
 * libxml2's EUC-KR decoder is strict KS X 1001 and stops at the first
 * CP949-only syllable (똠, 햏, 뷁), which Korean feeds labelled "euc-kr"
 * do contain.  The XML is then read with libxml2's streaming reader, so a
 * 50 MiB sitemap never becomes a tree, and element names are matched by
 * local name whatever their namespace, because sitemaps with a wrong or
 * prefixed namespace are common.
 *
 * Entities: XML_PARSE_NOENT is never set and no DTD is loaded, and text is
 * collected from text and CDATA nodes only, so an entity reference (the
 * billion-laughs attack) is never expanded by us.
 */
#include "crawler/discover.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include "base/url.h"
#include "base/utf8.h"
#include "base/banned.h"

#define DEFAULT_MAX (50u * 1024 * 1024)
#define MAX_DEPTH   256

/* ---- bytes: gzip and charset ---- */

static nf_err
gunzip(const char *in, size_t len, size_t max, struct nf_buf *out)
{
	z_stream zs;
	char chunk[16384];
	nf_err err = NF_OK;
	int rc;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 15 + 32) != Z_OK)
		return nf_fail(NF_ERR_INTERNAL, "discover: inflateInit failed");
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)(len > UINT_MAX ? UINT_MAX : len);
	for (;;) {
		zs.next_out = (Bytef *)chunk;
		zs.avail_out = sizeof(chunk);
		rc = inflate(&zs, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
			err = nf_fail(NF_ERR_PARSE,
				      "discover: corrupt gzip body: %s",
				      zs.msg ? zs.msg : "inflate failed");
			break;
		}
		if (out->len + (sizeof(chunk) - zs.avail_out) > max) {
			err = nf_fail(
			    NF_ERR_LIMIT,
			    "discover: gunzipped body exceeds %zu bytes", max);
			break;
		}
		nf_buf_append(out, chunk, sizeof(chunk) - zs.avail_out);
		if (rc == Z_STREAM_END) {
			/* Concatenated members are one stream. */
			if (zs.avail_in == 0)
				break;
			inflateReset(&zs);
		} else if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
			err = nf_fail(NF_ERR_PARSE,
				      "discover: truncated gzip body");
			break;
		}
	}
	inflateEnd(&zs);
	nf_buf_terminate(out);
	return err;
}

/*
 * WHATWG maps every EUC-KR label to windows-949: strict EUC-KR lacks 8,822
 * Hangul syllables that Korean CMSs emit anyway.  ICU's "windows-949-2000"
 * is that table.  Latin-1 labels mean windows-1252 the same way.
 */
static const char *
map_label(const char *label)
{
	static const char *const korean[] = {
	    "euc-kr",	   "euckr",	    "euc_kr",	      "x-euc-kr",
	    "cseuckr",	   "cp949",	    "ms949",	      "uhc",
	    "windows-949", "x-windows-949", "ks_c_5601-1987", "ks_c_5601-1989",
	    "ks_c_5601",   "ksc5601",	    "ksc_5601",	      "korean",
	    "iso-ir-149",  "csksc56011987"};
	static const char *const latin1[] = {
	    "iso-8859-1", "iso8859-1", "latin1",	"l1",
	    "us-ascii",	  "ascii",     "ansi_x3.4-1968"};

	for (size_t i = 0; i < sizeof(korean) / sizeof(korean[0]); i++)
		if (strcasecmp(label, korean[i]) == 0)
			return "windows-949-2000";
	for (size_t i = 0; i < sizeof(latin1) / sizeof(latin1[0]); i++)
		if (strcasecmp(label, latin1[i]) == 0)
			return "windows-1252";
	return label;
}

/* Copy a charset token (letters, digits, -_.:) of at most n-1 bytes. */
static bool
copy_label(char *out, size_t n, const char *p, const char *end)
{
	size_t k = 0;

	while (p < end && *p &&
	       (isalnum((unsigned char)*p) || strchr("-_.:", *p))) {
		if (k + 1 >= n)
			return false;
		out[k++] = *p++;
	}
	out[k] = '\0';
	return k > 0;
}

static bool
content_type_charset(const char *ct, char *out, size_t n)
{
	const char *p;

	if (!ct)
		return false;
	for (p = ct; (p = strchr(p, ';')) != NULL;) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
			p++;
		return copy_label(out, n, p, p + strlen(p));
	}
	return false;
}

static bool
xml_decl_charset(const char *s, size_t len, char *out, size_t n)
{
	const char *end = s + (len < 1024 ? len : 1024);
	const char *p, *close;

	while (s < end && isspace((unsigned char)*s))
		s++;
	if ((size_t)(end - s) < 5 || memcmp(s, "<?xml", 5) != 0)
		return false;
	close = s;
	while (close + 1 < end && !(close[0] == '?' && close[1] == '>'))
		close++;
	for (p = s + 5; p + 8 < close; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < close && (isspace((unsigned char)*p) || *p == '='))
			p++;
		if (p < close && (*p == '"' || *p == '\''))
			p++;
		return copy_label(out, n, p, close);
	}
	return false;
}

/* Convert with ICU; invalid input becomes U+FFFD.  False if ICU refuses. */
static bool
convert(const char *in, size_t len, const char *charset, struct nf_buf *out,
	bool strict)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *from, *to;
	size_t cap = len * 3 + 16;
	char *dst, *t;
	const char *s = in;

	if (len > INT32_MAX / 4)
		return false;
	from = ucnv_open(charset, &st);
	if (U_FAILURE(st))
		return false;
	if (strict)
		ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL,
				    NULL, &st);
	to = ucnv_open("UTF-8", &st);
	if (U_FAILURE(st)) {
		ucnv_close(from);
		return false;
	}
	dst = nf_xmalloc(cap);
	t = dst;
	ucnv_convertEx(to, from, &t, dst + cap, &s, in + len, NULL, NULL, NULL,
		       NULL, true, true, &st);
	ucnv_close(from);
	ucnv_close(to);
	if (U_FAILURE(st)) {
		free(dst);
		return false;
	}
	nf_buf_reset(out);
	nf_buf_append(out, dst, (size_t)(t - dst));
	nf_buf_terminate(out);
	free(dst);
	return true;
}

/*
 * BOM > UTF-16 sniffing > HTTP charset > XML declaration > valid UTF-8 >
 * CP949 if it decodes cleanly > windows-1252.  A label ICU does not know
 * is skipped as if absent.
 */
static void
to_utf8(const char *s, size_t len, const char *content_type, struct nf_buf *out,
	const char **used)
{
	const unsigned char *u = (const unsigned char *)s;
	char label[64];

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*used = "UTF-8";
		if (convert(s + 3, len - 3, "UTF-8", out, false))
			return;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
			 (u[0] == 0xFE && u[1] == 0xFF))) {
		*used = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		if (convert(s + 2, len - 2, *used, out, false))
			return;
	}
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0) {
		*used = "UTF-16LE";
		if (convert(s, len, *used, out, false))
			return;
	}
	if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?') {
		*used = "UTF-16BE";
		if (convert(s, len, *used, out, false))
			return;
	}
	if (content_type_charset(content_type, label, sizeof(label))) {
		*used = map_label(label);
		if (convert(s, len, *used, out, false))
			return;
	}
	if (xml_decl_charset(s, len, label, sizeof(label))) {
		*used = map_label(label);
		/* "UTF-16" declared on single-byte text is a lie: skip it. */
		if (strncasecmp(*used, "UTF-16", 6) != 0 &&
		    strncasecmp(*used, "UTF-32", 6) != 0 &&
		    convert(s, len, *used, out, false))
			return;
	}
	if (nf_utf8_valid(s, len)) {
		*used = "UTF-8";
		convert(s, len, "UTF-8", out, false);
		return;
	}
	*used = "windows-949-2000";
	if (convert(s, len, *used, out, true))
		return;
	*used = "windows-1252";
	convert(s, len, *used, out, false);
}

/* ---- text ---- */

static void
trim(struct nf_buf *b)
{
	size_t i = 0, n = b->len;

	if (!b->data)
		return;
	while (i < n && isspace((unsigned char)b->data[i]))
		i++;
	while (n > i && isspace((unsigned char)b->data[n - 1]))
		n--;
	memmove(b->data, b->data + i, n - i);
	b->len = n - i;
	b->data[b->len] = '\0';
}

/*
 * Feed titles often carry markup or entities a second time (CDATA holding
 * "&quot;", Atom type="html"): strip tags, decode the common entities and
 * collapse whitespace.
 */
static char *
clean_title(const char *s)
{
	static const struct {
		const char *name;
		const char *text;
	} ents[] = {{"amp", "&"},    {"lt", "<"},     {"gt", ">"},
		    {"quot", "\""},  {"apos", "'"},   {"nbsp", " "},
		    {"middot", "·"}, {"hellip", "…"}, {"lsquo", "‘"},
		    {"rsquo", "’"},  {"ldquo", "“"},  {"rdquo", "”"}};
	struct nf_buf b = NF_BUF_INIT(0);
	bool space = false;

	for (const char *p = s; *p;) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' ||
				  p[1] == '!')) {
			const char *gt = strchr(p, '>');

			if (gt) {
				p = gt + 1;
				continue;
			}
		}
		if (*p == '&') {
			const char *semi = strchr(p, ';');
			bool done = false;

			if (semi && semi - p <= 10 && p[1] == '#') {
				char *end;
				long cp = p[2] == 'x' || p[2] == 'X'
					      ? strtol(p + 3, &end, 16)
					      : strtol(p + 2, &end, 10);

				if (end == semi && cp > 0 && cp <= 0x10FFFF &&
				    !(cp >= 0xD800 && cp <= 0xDFFF)) {
					char enc[4];

					nf_buf_append(
					    &b, enc,
					    nf_utf8_encode((uint32_t)cp, enc));
					p = semi + 1;
					done = true;
				}
			} else if (semi && semi - p <= 10) {
				for (size_t i = 0;
				     i < sizeof(ents) / sizeof(ents[0]); i++) {
					size_t n = strlen(ents[i].name);

					if ((size_t)(semi - p - 1) == n &&
					    memcmp(p + 1, ents[i].name, n) ==
						0) {
						nf_buf_append_str(&b,
								  ents[i].text);
						p = semi + 1;
						done = true;
						break;
					}
				}
			}
			if (done) {
				space = false;
				continue;
			}
		}
		if (isspace((unsigned char)*p)) {
			space = true;
			p++;
			continue;
		}
		if (space && b.len > 0)
			nf_buf_append_char(&b, ' ');
		space = false;
		nf_buf_append_char(&b, *p++);
	}
	nf_buf_terminate(&b);
	if (b.len == 0) {
		nf_buf_release(&b);
		return NULL;
	}
	return nf_buf_detach(&b);
}

/* ---- dates ---- */

static const char OJEON[] = "\xEC\x98\xA4\xEC\xA0\x84"; /* 오전 */
static const char OHU[] = "\xEC\x98\xA4\xED\x9B\x84";	/* 오후 */

static void
skip_ws(const char **p)
{
	while (isspace((unsigned char)**p))
		(*p)++;
}

static bool
num(const char **p, int mindig, int maxdig, int *out)
{
	int v = 0, k = 0;

	while (k < maxdig && isdigit((unsigned char)(*p)[k])) {
		v = v * 10 + ((*p)[k] - '0');
		k++;
	}
	if (k < mindig)
		return false;
	*p += k;
	*out = v;
	return true;
}

static bool
eat(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* A zone: Z, ±hh[:mm], ±hhmm, or a name; *found false when none. */
static bool
zone(const char **p, int *minutes, bool *found)
{
	static const struct {
		const char *name;
		int hours;
	} names[] = {{"UTC", 0},  {"GMT", 0},  {"UT", 0},   {"KST", 9},
		     {"JST", 9},  {"EST", -5}, {"EDT", -4}, {"CST", -6},
		     {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8},
		     {"PDT", -7}, {"Z", 0}};
	const char *q = *p;
	int h = 0, m = 0;

	skip_ws(&q);
	*found = false;
	if (*q == '+' || *q == '-') {
		int sign = *q == '-' ? -1 : 1;

		q++;
		if (!num(&q, 2, 2, &h))
			return false;
		if (*q == ':')
			q++;
		if (isdigit((unsigned char)*q) && !num(&q, 2, 2, &m))
			return false;
		if (h > 14 || m > 59)
			return false;
		*minutes = sign * (h * 60 + m);
		*found = true;
		*p = q;
		return true;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].name);

		if (strncasecmp(q, names[i].name, n) == 0 &&
		    !isalpha((unsigned char)q[n])) {
			*minutes = names[i].hours * 60;
			*found = true;
			q += n;
			/* "GMT+9" */
			if (*q == '+' || *q == '-') {
				int sign = *q == '-' ? -1 : 1;

				q++;
				if (num(&q, 1, 2, &h) && h <= 14)
					*minutes += sign * h * 60;
			}
			*p = q;
			return true;
		}
	}
	return true;
}

/* hh:mm[:ss[.frac]] with an optional 오전/오후 before it. */
static bool
clock_time(const char **p, int *h, int *mi, int *s)
{
	const char *q = *p;
	int pm = -1;

	skip_ws(&q);
	if (eat(&q, OJEON))
		pm = 0;
	else if (eat(&q, OHU))
		pm = 1;
	skip_ws(&q);
	*s = 0;
	if (!num(&q, 1, 2, h) || *q != ':')
		return false;
	q++;
	if (!num(&q, 2, 2, mi))
		return false;
	if (*q == ':') {
		q++;
		if (!num(&q, 2, 2, s))
			return false;
		if (*q == '.' || *q == ',') {
			q++;
			while (isdigit((unsigned char)*q))
				q++;
		}
	}
	if (pm == 1 && *h < 12)
		*h += 12;
	else if (pm == 0 && *h == 12)
		*h = 0;
	*p = q;
	return true;
}

static bool
format_date(char *out, size_t n, int y, int mo, int d, int h, int mi, int s,
	    int off)
{
	int a = off < 0 ? -off : off;

	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 ||
	    a > 18 * 60)
		return false;
	/* The ranges above bound every field, so the text always fits. */
	int w = snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y,
			 mo, d, h, mi, s > 59 ? 59 : s, off < 0 ? '-' : '+',
			 (a / 60) % 100, a % 60);
	return w > 0 && (size_t)w < n;
}

/* 2025-04-08[T ]10:23[:00][zone], 2025.04.08, 2004년 05월 28일 01:31:15 */
static bool
numeric_date(const char *p, char *out, size_t n)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, s = 0, off = 9 * 60;
	bool found;

	skip_ws(&p);
	if (!num(&p, 4, 4, &y))
		return false;
	if (*p == '\0')
		return format_date(out, n, y, 1, 1, 0, 0, 0, off);
	if (!(eat(&p, "-") || eat(&p, ".") || eat(&p, "/") ||
	      eat(&p, "\xEB\x85\x84")))
		return false; /* 년 */
	skip_ws(&p);
	if (!num(&p, 1, 2, &mo))
		return false;
	if (*p == '\0')
		return format_date(out, n, y, mo, 1, 0, 0, 0, off);
	if (!(eat(&p, "-") || eat(&p, ".") || eat(&p, "/") ||
	      eat(&p, "\xEC\x9B\x94")))
		return false; /* 월 */
	skip_ws(&p);
	if (!num(&p, 1, 2, &d))
		return false;
	if (!eat(&p, "\xEC\x9D\xBC")) /* 일 */
		eat(&p, ".");
	if (*p == 'T' || *p == 't')
		p++;
	if (!clock_time(&p, &h, &mi, &s)) {
		h = mi = s = 0;
	}
	if (!zone(&p, &off, &found))
		return false;
	if (!found)
		off = 9 * 60;
	return format_date(out, n, y, mo, d, h, mi, s, off);
}

/* [Tue,] 08 Apr 2025 10:23:41 +0900 (RFC 822/1123, 2-digit years too) */
static bool
rfc822_date(const char *p, char *out, size_t n)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int d, mo = 0, y, h = 0, mi = 0, s = 0, off = 9 * 60;
	const char *q;
	bool found;

	skip_ws(&p);
	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		skip_ws(&p);
	}
	if (!num(&p, 1, 2, &d))
		return false;
	skip_ws(&p);
	if (*p == '-')
		p++;
	for (q = months; *q; q += 3)
		if (strncasecmp(p, q, 3) == 0)
			mo = (int)((q - months) / 3) + 1;
	if (!mo)
		return false;
	while (isalpha((unsigned char)*p))
		p++;
	skip_ws(&p);
	if (*p == '-')
		p++;
	q = p;
	if (!num(&p, 2, 4, &y) || (p - q) == 3)
		return false;
	if (p - q == 2)
		y += y < 50 ? 2000 : 1900;
	if (clock_time(&p, &h, &mi, &s)) {
		if (!zone(&p, &off, &found))
			return false;
		if (!found)
			off = 9 * 60;
	}
	return format_date(out, n, y, mo, d, h, mi, s, off);
}

static char *
parse_date(const char *s)
{
	char out[40];

	if (!s || !*s)
		return NULL;
	if (numeric_date(s, out, sizeof(out)) ||
	    rfc822_date(s, out, sizeof(out)))
		return nf_xstrdup(out);
	return NULL;
}

/* ---- entries ---- */

struct list {
	struct nf_discovered *v;
	size_t n, alloc;
};

static char *
absolute(const char *doc_url, const char *raw)
{
	char *abs, *canon;

	const char *p = raw;

	if (!raw || !*raw)
		return NULL;
	/* "javascript:", "mailto:", "data:": not something to crawl */
	if (isalpha((unsigned char)*p)) {
		while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
		       *p == '.')
			p++;
		if (*p == ':' && strncasecmp(raw, "http:", 5) != 0 &&
		    strncasecmp(raw, "https:", 6) != 0)
			return NULL;
	}
	abs = doc_url ? nf_url_resolve(doc_url, raw) : nf_xstrdup(raw);
	if (!abs)
		return NULL;
	canon = nf_url_canonical(abs);
	free(abs);
	return canon;
}

static void
push(struct list *l, struct nf_discovered *e)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->v = nf_xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = *e;
}

void
nf_discovered_free(struct nf_discovered *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].title);
		free(v[i].published);
		free(v[i].updated);
		free(v[i].publication);
	}
	free(v);
}

/* ---- XML ---- */

enum field {
	F_NONE,
	F_LOC,
	F_LINK,
	F_GUID,
	F_TITLE,
	F_PUBLISHED,
	F_DCDATE,
	F_UPDATED,
	F_PUBLICATION
};

struct item {
	char *loc, *link, *guid, *about, *title, *published, *dcdate, *updated,
	    *publication;
	bool guid_permalink;
};

struct xml_state {
	enum nf_doc_kind kind;
	const char *doc_url;
	int item_depth; /* -1 outside an item */
	struct item it;
	enum field field;
	int field_depth;
	struct nf_buf text;
	struct nf_buf bare;	      /* text directly inside a sitemap item */
	const char *names[MAX_DEPTH]; /* local names by depth; libxml2 dict */
	struct list out;
};

static void
item_clear(struct item *it)
{
	free(it->loc);
	free(it->link);
	free(it->guid);
	free(it->about);
	free(it->title);
	free(it->published);
	free(it->dcdate);
	free(it->updated);
	free(it->publication);
	memset(it, 0, sizeof(*it));
}

static void
set_once(char **slot, char *v)
{
	if (*slot || !v) {
		free(v);
		return;
	}
	*slot = v;
}

static void
end_item(struct xml_state *st)
{
	struct item *it = &st->it;
	struct nf_discovered e = {0};

	if (st->kind == NF_DOC_SITEMAP || st->kind == NF_DOC_SITEMAP_INDEX) {
		/* Lenient: "<sitemap>https://...</sitemap>" without a <loc>. */
		trim(&st->bare);
		if (!it->loc && st->bare.len)
			it->loc = nf_xstrdup(st->bare.data);
		e.url = absolute(st->doc_url, it->loc);
	} else {
		e.url = absolute(st->doc_url, it->link);
		/* Feeds put the article URL in a non-permalink guid too. */
		if (!e.url && it->guid &&
		    (it->guid_permalink ||
		     strncasecmp(it->guid, "http", 4) == 0))
			e.url = absolute(st->doc_url, it->guid);
		if (!e.url)
			e.url = absolute(st->doc_url, it->about);
	}
	if (e.url) {
		e.title = it->title;
		e.published = it->published ? it->published : it->dcdate;
		e.updated = it->updated;
		e.publication = it->publication;
		e.is_sitemap = st->kind == NF_DOC_SITEMAP_INDEX;
		if (e.published == it->dcdate)
			it->dcdate = NULL;
		it->title = it->published = it->updated = it->publication =
		    NULL;
		push(&st->out, &e);
	}
	item_clear(it);
	nf_buf_reset(&st->bare);
	st->item_depth = -1;
}

static void
commit_field(struct xml_state *st)
{
	struct item *it = &st->it;
	char *v;

	trim(&st->text);
	nf_buf_terminate(&st->text);
	v = st->text.len ? nf_xstrdup(st->text.data) : NULL;
	switch (st->field) {
	case F_NONE:
		free(v);
		break;
	case F_LOC:
		set_once(&it->loc, v);
		break;
	case F_LINK:
		set_once(&it->link, v);
		break;
	case F_GUID:
		set_once(&it->guid, v);
		break;
	case F_TITLE:
		set_once(&it->title, v ? clean_title(v) : NULL);
		free(v);
		break;
	case F_PUBLISHED:
		set_once(&it->published, parse_date(v));
		free(v);
		break;
	case F_DCDATE:
		set_once(&it->dcdate, parse_date(v));
		free(v);
		break;
	case F_UPDATED:
		set_once(&it->updated, parse_date(v));
		free(v);
		break;
	case F_PUBLICATION:
		set_once(&it->publication, v ? clean_title(v) : NULL);
		free(v);
		break;
	}
	st->field = F_NONE;
	nf_buf_reset(&st->text);
}

static enum nf_doc_kind
root_kind(const char *name)
{
	if (strcasecmp(name, "rss") == 0 || strcmp(name, "RDF") == 0 ||
	    strcasecmp(name, "rdf") == 0)
		return NF_DOC_RSS;
	if (strcmp(name, "feed") == 0)
		return NF_DOC_ATOM;
	if (strcmp(name, "urlset") == 0)
		return NF_DOC_SITEMAP;
	if (strcmp(name, "sitemapindex") == 0)
		return NF_DOC_SITEMAP_INDEX;
	return NF_DOC_UNKNOWN;
}

static bool
is_item(enum nf_doc_kind kind, const char *name)
{
	switch (kind) {
	case NF_DOC_RSS:
		return strcmp(name, "item") == 0;
	case NF_DOC_ATOM:
		return strcmp(name, "entry") == 0;
	case NF_DOC_SITEMAP:
		return strcmp(name, "url") == 0;
	case NF_DOC_SITEMAP_INDEX:
		return strcmp(name, "sitemap") == 0;
	case NF_DOC_TEXT_SITEMAP:
	case NF_DOC_UNKNOWN:
		break;
	}
	return false;
}

/* A libxml2 string as one of ours (malloc'd, NULL stays NULL). */
static char *
own_xml_string(xmlChar *v)
{
	char *s;

	if (!v)
		return NULL;
	s = nf_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *
attr(xmlTextReaderPtr r, const char *name)
{
	return own_xml_string(
	    xmlTextReaderGetAttribute(r, (const xmlChar *)name));
}

/* An <atom:link> or Atom <link>: its href if rel is alternate or absent. */
static void
link_href(xmlTextReaderPtr r, struct item *it)
{
	char *rel = attr(r, "rel");
	char *href = attr(r, "href");

	if (href && (!rel || strcasecmp(rel, "alternate") == 0))
		set_once(&it->link, href);
	else
		free(href);
	free(rel);
}

static enum field
pick_field(struct xml_state *st, xmlTextReaderPtr r, const char *name,
	   const char *prefix, int rel, const char *parent)
{
	struct item *it = &st->it;

	switch (st->kind) {
	case NF_DOC_SITEMAP:
	case NF_DOC_SITEMAP_INDEX:
		if (rel == 1 && strcmp(name, "loc") == 0)
			return F_LOC;
		if (rel == 1 && strcmp(name, "lastmod") == 0)
			return F_UPDATED;
		if (rel == 2 && strcmp(parent, "news") == 0) {
			if (strcmp(name, "publication_date") == 0)
				return F_PUBLISHED;
			if (strcmp(name, "title") == 0)
				return F_TITLE;
		}
		if (rel == 3 && strcmp(parent, "publication") == 0 &&
		    strcmp(name, "name") == 0)
			return F_PUBLICATION;
		return F_NONE;
	case NF_DOC_RSS:
		if (rel != 1)
			return F_NONE;
		if (strcmp(name, "link") == 0) {
			if (prefix) {
				link_href(r, it); /* atom:link */
				return F_NONE;
			}
			return F_LINK;
		}
		if (prefix && strcmp(name, "date") == 0)
			return F_DCDATE;
		if (prefix)
			return F_NONE;
		if (strcmp(name, "title") == 0)
			return F_TITLE;
		if (strcmp(name, "guid") == 0) {
			char *pl = attr(r, "isPermaLink");

			it->guid_permalink =
			    !pl || strcasecmp(pl, "false") != 0;
			free(pl);
			return F_GUID;
		}
		if (strcmp(name, "pubDate") == 0 ||
		    strcmp(name, "pubdate") == 0)
			return F_PUBLISHED;
		return F_NONE;
	case NF_DOC_ATOM:
		if (rel != 1)
			return F_NONE;
		if (strcmp(name, "link") == 0) {
			link_href(r, it);
			return F_NONE;
		}
		if (strcmp(name, "title") == 0)
			return F_TITLE;
		if (strcmp(name, "published") == 0 ||
		    strcmp(name, "issued") == 0)
			return F_PUBLISHED;
		if (strcmp(name, "updated") == 0 ||
		    strcmp(name, "modified") == 0)
			return F_UPDATED;
		return F_NONE;
	case NF_DOC_TEXT_SITEMAP:
	case NF_DOC_UNKNOWN:
		break;
	}
	return F_NONE;
}

static void
on_element(struct xml_state *st, xmlTextReaderPtr r, int depth)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	const char *prefix = (const char *)xmlTextReaderConstPrefix(r);
	bool empty = xmlTextReaderIsEmptyElement(r) == 1;

	if (!name)
		return;
	if (depth < MAX_DEPTH)
		st->names[depth] = name;
	if (depth == 0) {
		st->kind = root_kind(name);
		return;
	}
	if (st->item_depth < 0) {
		if (is_item(st->kind, name)) {
			st->item_depth = depth;
			if (st->kind == NF_DOC_RSS)
				st->it.about = attr(r, "rdf:about");
			if (empty)
				end_item(st);
		}
		return;
	}
	if (st->field != F_NONE || depth >= MAX_DEPTH)
		return;
	st->field = pick_field(st, r, name, prefix, depth - st->item_depth,
			       st->names[depth - 1]);
	st->field_depth = depth;
	if (st->field != F_NONE && empty)
		commit_field(st);
}

/* Does s[i..n) start an entity or character reference ("&amp;", "&#38;")? */
static bool
is_reference(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j < n && s[j] == '#') {
		j++;
		bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
		size_t start = j += hex;
		while (j < n && j - start < 8 &&
		       (hex ? isxdigit((unsigned char)s[j])
			    : isdigit((unsigned char)s[j])))
			j++;
		return j > start && j < n && s[j] == ';';
	}
	size_t start = j;
	while (j < n && j - start < 32 && isalnum((unsigned char)s[j]))
		j++;
	return j > start && isalpha((unsigned char)s[start]) && j < n &&
	       s[j] == ';';
}

/*
 * Real feeds put raw query strings in <link> ("?a=1&b=2"), which is not
 * XML: libxml2 gives up on the rest of the document.  Escape every '&'
 * that starts no reference, outside CDATA sections and comments, so the
 * items after it are not lost.  Returns false when nothing needed it.
 */
static bool
escape_bare_amps(const char *s, size_t n, struct nf_buf *out)
{
	bool any = false;
	size_t i = 0, copied = 0;

	while (i < n) {
		if (s[i] == '<' && n - i >= 9 &&
		    memcmp(s + i, "<![CDATA[", 9) == 0) {
			const char *e = memmem(s + i + 9, n - i - 9, "]]>", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (s[i] == '<' && n - i >= 4 &&
		    memcmp(s + i, "<!--", 4) == 0) {
			const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (s[i] == '&' && !is_reference(s, n, i)) {
			nf_buf_append(out, s + copied, i + 1 - copied);
			nf_buf_append_str(out, "amp;");
			copied = i + 1;
			any = true;
		}
		i++;
	}
	if (any)
		nf_buf_append(out, s + copied, n - copied);
	return any;
}

static nf_err
parse_xml(const char *utf8, size_t len, const char *doc_url,
	  enum nf_doc_kind *kind, struct list *out)
{
	struct xml_state *st = nf_xcalloc(1, sizeof(*st));
	xmlTextReaderPtr r;
	int rc;

	st->doc_url = doc_url;
	st->item_depth = -1;
	st->kind = NF_DOC_UNKNOWN;
	st->text = NF_BUF_INIT(0);
	st->bare = NF_BUF_INIT(0);
	if (len > INT_MAX) {
		free(st);
		return nf_fail(NF_ERR_LIMIT, "discover: document too large");
	}
	xmlInitParser();
	r = xmlReaderForMemory(utf8, (int)len, doc_url, "UTF-8",
			       XML_PARSE_RECOVER | XML_PARSE_NONET |
				   XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				   XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
	if (!r) {
		free(st);
		return nf_fail(NF_ERR_PARSE,
			       "discover: libxml2 could not start");
	}
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);

		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			on_element(st, r, depth);
			if (depth == 0 && st->kind == NF_DOC_UNKNOWN)
				goto done;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		case XML_READER_TYPE_WHITESPACE:
			if (st->field != F_NONE) {
				const char *v =
				    (const char *)xmlTextReaderConstValue(r);

				if (v)
					nf_buf_append_str(&st->text, v);
			} else if (st->item_depth >= 0 &&
				   depth == st->item_depth + 1 &&
				   st->bare.len < 4096) {
				const char *v =
				    (const char *)xmlTextReaderConstValue(r);

				if (v)
					nf_buf_append_str(&st->bare, v);
			}
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (st->field != F_NONE && depth == st->field_depth)
				commit_field(st);
			if (st->item_depth >= 0 && depth == st->item_depth)
				end_item(st);
			break;
		default:
			break; /* entity references are never followed */
		}
	}
done:
	/* A truncated document still yields the entry it was in. */
	if (st->field != F_NONE)
		commit_field(st);
	if (st->item_depth >= 0)
		end_item(st);
	xmlFreeTextReader(r);
	*kind = st->kind;
	*out = st->out;
	nf_buf_release(&st->text);
	nf_buf_release(&st->bare);
	item_clear(&st->it);
	free(st);
	return NF_OK;
}

static void
parse_text(const char *s, size_t len, const char *doc_url, struct list *out)
{
	const char *end = s + len;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *le = eol ? eol : end;
		const char *a = s, *b = le;

		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b - a > 8 && (strncasecmp(a, "http://", 7) == 0 ||
				  strncasecmp(a, "https://", 8) == 0)) {
			char *raw = nf_xstrndup(a, (size_t)(b - a));
			struct nf_discovered e = {0};

			e.url = absolute(doc_url, raw);
			free(raw);
			if (e.url)
				push(out, &e);
		}
		s = le + 1;
	}
}

nf_err
nf_discover_parse(const char *bytes, size_t len, const char *content_type,
		  const char *doc_url, size_t max_bytes, enum nf_doc_kind *kind,
		  struct nf_discovered **out, size_t *nout)
{
	struct nf_buf raw = NF_BUF_INIT(0), text = NF_BUF_INIT(0);
	struct list l = {0};
	const char *charset = NULL;
	nf_err err = NF_OK;
	size_t i = 0;

	*kind = NF_DOC_UNKNOWN;
	*out = NULL;
	*nout = 0;
	if (!max_bytes)
		max_bytes = DEFAULT_MAX;
	if (!bytes && len)
		return nf_fail(NF_ERR_USAGE, "discover: NULL body");
	if (len > max_bytes)
		return nf_fail(NF_ERR_LIMIT,
			       "discover: body of %zu bytes exceeds %zu", len,
			       max_bytes);
	if (len >= 2 && (unsigned char)bytes[0] == 0x1F &&
	    (unsigned char)bytes[1] == 0x8B) {
		err = gunzip(bytes, len, max_bytes, &raw);
		if (err)
			goto out;
		bytes = raw.data;
		len = raw.len;
	}
	to_utf8(bytes ? bytes : "", len, content_type, &text, &charset);
	nf_buf_terminate(&text);
	/*
	 * The text is UTF-8 now; blank the XML declaration so its encoding
	 * attribute cannot make libxml2 decode it a second time.
	 */
	while (i < text.len && isspace((unsigned char)text.data[i]))
		i++;
	if (text.len - i >= 6 && memcmp(text.data + i, "<?xml", 5) == 0 &&
	    isspace((unsigned char)text.data[i + 5])) {
		char *close = strstr(text.data + i, "?>");

		if (close)
			memset(text.data + i, ' ',
			       (size_t)(close + 2 - (text.data + i)));
	}
	while (i < text.len && isspace((unsigned char)text.data[i]))
		i++;
	if (i < text.len && text.data[i] == '<') {
		struct nf_buf fixed = NF_BUF_INIT(0);

		if (escape_bare_amps(text.data, text.len, &fixed))
			err =
			    parse_xml(fixed.data, fixed.len, doc_url, kind, &l);
		else
			err = parse_xml(text.data, text.len, doc_url, kind, &l);
		nf_buf_release(&fixed);
	} else {
		*kind = NF_DOC_TEXT_SITEMAP;
		parse_text(text.data, text.len, doc_url, &l);
	}
	if (err) {
		nf_discovered_free(l.v, l.n);
		goto out;
	}
	*out = l.v;
	*nout = l.n;
out:
	nf_buf_release(&raw);
	nf_buf_release(&text);
	return err;
}

/* ---- HTML links ---- */

static bool
rel_has(const char *rel, const char *token)
{
	size_t n = strlen(token);

	for (const char *p = rel; *p;) {
		while (isspace((unsigned char)*p))
			p++;
		if (strncasecmp(p, token, n) == 0 &&
		    (p[n] == '\0' || isspace((unsigned char)p[n])))
			return true;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	return false;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	return own_xml_string(xmlGetProp(n, (const xmlChar *)name));
}

/* The next node in document order, without recursion. */
static xmlNodePtr
next_node(xmlNodePtr n)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n) {
		if (n->next)
			return n->next;
		n = n->parent;
		if (n && n->type != XML_ELEMENT_NODE)
			return NULL;
	}
	return NULL;
}

static htmlDocPtr
read_html(const char *html, size_t len, const char *page_url)
{
	if (len > INT_MAX)
		return NULL;
	xmlInitParser();
	return htmlReadMemory(html, (int)len, page_url, "UTF-8",
			      HTML_PARSE_RECOVER | HTML_PARSE_NONET |
				  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				  HTML_PARSE_COMPACT);
}

/* The page's <base href>, resolved against its URL; malloc'd. */
static char *
base_url(xmlNodePtr root, const char *page_url)
{
	for (xmlNodePtr n = root; n; n = next_node(n)) {
		if (n->type == XML_ELEMENT_NODE && n->name &&
		    strcasecmp((const char *)n->name, "base") == 0) {
			char *href = prop(n, "href");

			if (href) {
				char *abs = nf_url_resolve(page_url, href);

				free(href);
				if (abs)
					return abs;
			}
		}
	}
	return page_url ? nf_xstrdup(page_url) : NULL;
}

nf_err
nf_discover_links(const char *html_utf8, size_t len, const char *page_url,
		  struct nf_strv *out)
{
	htmlDocPtr doc = read_html(html_utf8, len, page_url);
	xmlNodePtr root;
	char *base;

	if (!doc)
		return nf_fail(NF_ERR_PARSE,
			       "discover: cannot parse HTML of %s",
			       page_url ? page_url : "(no URL)");
	root = xmlDocGetRootElement(doc);
	base = base_url(root, page_url);
	for (xmlNodePtr n = root; n; n = next_node(n)) {
		char *href, *url;

		if (n->type != XML_ELEMENT_NODE || !n->name ||
		    (strcasecmp((const char *)n->name, "a") != 0 &&
		     strcasecmp((const char *)n->name, "area") != 0))
			continue;
		href = prop(n, "href");
		if (!href)
			continue;
		url = absolute(base, href);
		free(href);
		if (url && !nf_strv_contains(out, url))
			nf_strv_push(out, url);
		else
			free(url);
	}
	free(base);
	xmlFreeDoc(doc);
	return NF_OK;
}

char *
nf_discover_canonical(const char *html_utf8, size_t len, const char *page_url)
{
	htmlDocPtr doc = read_html(html_utf8, len, page_url);
	char *canonical = NULL, *og = NULL, *base;
	xmlNodePtr root;

	if (!doc)
		return NULL;
	root = xmlDocGetRootElement(doc);
	base = base_url(root, page_url);
	for (xmlNodePtr n = root; n && !canonical; n = next_node(n)) {
		const char *name = (const char *)n->name;

		if (n->type != XML_ELEMENT_NODE || !name)
			continue;
		if (strcasecmp(name, "link") == 0) {
			char *rel = prop(n, "rel");

			if (rel && rel_has(rel, "canonical")) {
				char *href = prop(n, "href");

				canonical = absolute(base, href);
				free(href);
			}
			free(rel);
		} else if (strcasecmp(name, "meta") == 0 && !og) {
			char *p = prop(n, "property");

			if (p && strcasecmp(p, "og:url") == 0) {
				char *content = prop(n, "content");

				og = absolute(base, content);
				free(content);
			}
			free(p);
		}
	}
	free(base);
	xmlFreeDoc(doc);
	if (canonical) {
		free(og);
		return canonical;
	}
	return og;
}
