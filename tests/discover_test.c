/*
 * Tests of crawler/discover.h: the synthetic Korean feeds and sitemaps with
 * the expectations of corpus/feeds/SOURCES.md, URL counts of the
 * crawler-commons and trafilatura samples, the feedparser EUC-KR files,
 * dates (tests/data/discover/dates.tsv), section-page links, and hostile
 * input: billion laughs, deep nesting, truncation, caps, gzip bombs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "testlib.h"

#include "crawler/discover.h"

struct parsed {
	nf_err err;
	enum nf_doc_kind kind;
	struct nf_discovered *v;
	size_t n;
};

static struct parsed
parse_bytes(const char *bytes, size_t len, const char *ct, const char *url,
	    size_t max)
{
	struct parsed p;

	p.err =
	    nf_discover_parse(bytes, len, ct, url, max, &p.kind, &p.v, &p.n);
	return p;
}

static struct parsed
parse_file(const char *rel, const char *url)
{
	size_t len;
	char *body = nf_test_slurp(nf_test_shared(rel), &len);
	struct parsed p = parse_bytes(body, len, NULL, url, 0);

	free(body);
	return p;
}

/* "2025-04-08T10:23:00+09:00" -> "2025-04-08T01:23:00Z" (NULL stays NULL). */
static const char *
utc(const char *iso, char *out, size_t n)
{
	struct tm tm = {0};
	int y, mo, d, h, mi, s, oh, om;
	char sign;
	time_t t;

	if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h,
			   &mi, &s, &sign, &oh, &om) != 9)
		return NULL;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm) - (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

static void
check_utc(const char *iso, const char *want)
{
	char buf[32];

	NF_CHECK_STR(utc(iso, buf, sizeof(buf)), want);
}

static size_t files_checked;

static void
test_synthetic_ko(void)
{
	struct parsed p;
	const char *dir = "corpus/feeds/synthetic-ko/";
	char rel[256];

#define REL(f) (snprintf(rel, sizeof(rel), "%s%s", dir, f), rel)
	p = parse_file(REL("ndsoft-style-allArticle.euckr.xml"),
		       "http://news.example.com/rss/allArticle.xml");
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_RSS && p.n == 2,
		 "ndsoft n=%zu", p.n);
	if (p.n == 2) {
		NF_CHECK_STR(p.v[0].title,
			     "가상시 버스 요금 200원 인상…6월부터 적용");
		NF_CHECK_STR(
		    p.v[0].url,
		    "http://news.example.com/news/articleView.html?idxno=1001");
		check_utc(p.v[0].published, "2025-04-08T01:23:00Z");
		check_utc(p.v[1].published, "2025-04-07T08:40:12Z");
		NF_CHECK_STR(p.v[1].published, "2025-04-07T17:40:12+09:00");
	}
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("cp949-extension-labelled-euckr.xml"), NULL);
	NF_CHECK(p.err == NF_OK && p.n == 1, "cp949 n=%zu", p.n);
	if (p.n == 1) {
		NF_CHECK_STR(p.v[0].title,
			     "'똠방각하' 햏자 뷁 논란…가상시 해명");
		check_utc(p.v[0].published, "2025-04-08T23:00:00Z");
	}
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("wire-style-news.xml"), NULL);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_RSS && p.n == 2,
		 "wire n=%zu", p.n);
	if (p.n == 2) {
		NF_CHECK_STR(
		    p.v[0].url,
		    "https://wire.example.com/view/AKR20250408012300061");
		NF_CHECK_STR(
		    p.v[1].url,
		    "https://wire.example.com/view/AKR20250408045100053");
		NF_CHECK_STR(p.v[1].title, "[속보] 가상도, 폭염주의보 발령");
		check_utc(p.v[0].published, "2025-04-08T01:23:41Z");
	}
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("news-sitemap.ko.xml"), NULL);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_SITEMAP && p.n == 2,
		 "news n=%zu", p.n);
	if (p.n == 2) {
		NF_CHECK_STR(
		    p.v[0].url,
		    "http://news.example.com/news/articleView.html?idxno=1001");
		NF_CHECK_STR(p.v[0].title,
			     "가상시 버스 요금 200원 인상…6월부터 적용");
		NF_CHECK_STR(p.v[0].publication, "가상일보");
		check_utc(p.v[0].published, "2025-04-08T01:23:00Z");
		check_utc(p.v[0].updated, "2025-04-08T02:05:00Z");
		NF_CHECK_STR(p.v[1].title,
			     "가상시, 지하철 요금도 검토 & \"인상 불가피\"");
		NF_CHECK(p.v[1].updated == NULL, "no lastmod");
		NF_CHECK(!p.v[0].is_sitemap, "not a sitemap");
	}
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("sitemap_index.xml"), NULL);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_SITEMAP_INDEX && p.n == 3,
		 "index n=%zu", p.n);
	for (size_t i = 0; i < p.n; i++)
		NF_CHECK(p.v[i].is_sitemap, "child %zu flagged", i);
	if (p.n == 3)
		NF_CHECK_STR(p.v[1].url,
			     "http://news.example.com/sitemap/2025-04.xml.gz");
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("sitemap-2025-04.xml.gz"), NULL);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_SITEMAP && p.n == 3,
		 "month n=%zu", p.n);
	if (p.n == 3)
		check_utc(p.v[1].updated, "2025-04-07T08:40:12Z");
	nf_discovered_free(p.v, p.n);
	files_checked++;

	p = parse_file(REL("atom.ko.xml"), NULL);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_ATOM && p.n == 1,
		 "atom n=%zu", p.n);
	if (p.n == 1) {
		NF_CHECK_STR(p.v[0].url, "https://mag.example.org/articles/77");
		NF_CHECK_STR(p.v[0].title, "가상시 버스 요금 200원 인상");
		check_utc(p.v[0].published, "2025-04-08T01:23:00Z");
		check_utc(p.v[0].updated, "2025-04-08T02:05:00Z");
	}
	nf_discovered_free(p.v, p.n);
	files_checked++;
#undef REL
}

/* file, document URL, kind, number of entries (read off each file) */
static void
test_counts(void)
{
	static const struct {
		const char *file;
		enum nf_doc_kind kind;
		size_t n;
	} cases[] = {
	    {"crawler-commons/atom.xml", NF_DOC_ATOM, 1},
	    {"crawler-commons/feed.rss", NF_DOC_RSS, 4},
	    {"crawler-commons/hebdenbridgetimes-articles-sitemap.xml",
	     NF_DOC_SITEMAP, 74},
	    {"crawler-commons/shinpaideshou-news-sitemap.xml", NF_DOC_SITEMAP,
	     3},
	    {"crawler-commons/sitemap-images.xml", NF_DOC_SITEMAP, 1},
	    {"crawler-commons/sitemap-links.xml", NF_DOC_SITEMAP, 3},
	    {"crawler-commons/sitemap-news.xml", NF_DOC_SITEMAP, 2},
	    {"crawler-commons/sitemap-with-bom.txt", NF_DOC_TEXT_SITEMAP, 2},
	    {"crawler-commons/sitemap.badns.xml", NF_DOC_SITEMAP, 2},
	    {"crawler-commons/sitemap.index.xml", NF_DOC_SITEMAP_INDEX, 15},
	    {"crawler-commons/sitemap.ns.xml", NF_DOC_SITEMAP, 2},
	    {"crawler-commons/sitemap.txt", NF_DOC_TEXT_SITEMAP, 2},
	    {"crawler-commons/sitemap.txt.gz", NF_DOC_TEXT_SITEMAP, 5},
	    {"crawler-commons/xmlRss_pubDate.xml", NF_DOC_RSS, 7},
	    {"crawler-commons/xmlSitemap.gz", NF_DOC_SITEMAP, 5},
	    {"trafilatura/feed1.atom", NF_DOC_ATOM, 1},
	    {"trafilatura/feed2.rss", NF_DOC_RSS, 1},
	    {"trafilatura/sitemap-hreflang.xml", NF_DOC_SITEMAP, 3},
	    {"trafilatura/sitemap.xml", NF_DOC_SITEMAP, 84},
	    {"trafilatura/sitemap.xml.gz", NF_DOC_SITEMAP, 84},
	    {"trafilatura/sitemap2.xml", NF_DOC_SITEMAP_INDEX, 2},
	};
	size_t ok = 0, total = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char rel[256];
		struct parsed p;

		snprintf(rel, sizeof(rel), "corpus/feeds/%s", cases[i].file);
		p = parse_file(rel, "http://www.example.com/feed");
		printf("  %-55s kind %d, %zu urls\n", cases[i].file,
		       (int)p.kind, p.n);
		NF_CHECK(p.err == NF_OK && p.kind == cases[i].kind &&
			     p.n == cases[i].n,
			 "%s: err %d kind %d n %zu, want kind %d n %zu",
			 cases[i].file, (int)p.err, (int)p.kind, p.n,
			 (int)cases[i].kind, cases[i].n);
		ok += p.err == NF_OK && p.kind == cases[i].kind &&
		      p.n == cases[i].n;
		total += p.n;
		nf_discovered_free(p.v, p.n);
		files_checked++;
	}
	printf("crawler-commons+trafilatura: %zu/%zu files as expected, %zu "
	       "urls\n",
	       ok, sizeof(cases) / sizeof(cases[0]), total);
}

/* Replace the first `from` with `to` in a byte string; malloc'd. */
static char *
replace(const char *s, size_t len, const char *from, const char *to,
	size_t *outlen)
{
	const char *at = memmem(s, len, from, strlen(from));
	struct nf_buf b = NF_BUF_INIT(0);

	if (!at) {
		nf_buf_append(&b, s, len);
	} else {
		nf_buf_append(&b, s, (size_t)(at - s));
		nf_buf_append_str(&b, to);
		nf_buf_append(&b, at + strlen(from),
			      len - (size_t)(at - s) - strlen(from));
	}
	nf_buf_terminate(&b);
	*outlen = b.len;
	return nf_buf_detach(&b);
}

/*
 * feedparser's EUC-KR files hold their text in places that are not
 * entries (a channel title, an item without a link), so give the item a
 * link and a title, keeping the EUC-KR bytes as they are.
 */
static void
test_feedparser_euckr(void)
{
	static const struct {
		const char *file, *from, *to, *title;
	} cases[] = {
	    {"encoding__euc-kr.xml", "<title>",
	     "<item><link>http://x.example/</link><title>", "년"},
	    {"encoding__euc-kr-item.xml", "<description>",
	     "<link>http://x.example/</link><title>", "년"},
	    {"encoding__euc-kr-attribute.xml", "<description>",
	     "<link>http://x.example/</link><title>", NULL},
	    {"illformed__chardet__euckr.xml", "<title>",
	     "<link>http://x.example/</link><title>",
	     "EUC-KR 에서 TypeKey 한글닉네임 표시하기"},
	};
	size_t ok = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char rel[256];
		size_t len, n2, n3;
		char *body, *b2, *b3;
		struct parsed p;

		snprintf(rel, sizeof(rel),
			 "corpus/feeds/feedparser-encoding/%s", cases[i].file);
		body = nf_test_slurp(nf_test_shared(rel), &len);
		b2 = replace(body, len, cases[i].from, cases[i].to, &n2);
		b3 = i == 0
			 ? replace(b2, n2, "</title>", "</title></item>", &n3)
			 : replace(b2, n2, "</description>", "</title>", &n3);
		p = parse_bytes(b3, n3, NULL, NULL, 0);
		NF_CHECK(p.err == NF_OK && p.n == 1, "%s n=%zu", cases[i].file,
			 p.n);
		if (p.n == 1) {
			if (cases[i].title)
				NF_CHECK_STR(p.v[0].title, cases[i].title);
			ok += !cases[i].title ||
			      nf_test_streq(p.v[0].title, cases[i].title);
		}
		nf_discovered_free(p.v, p.n);
		free(body);
		free(b2);
		free(b3);
		files_checked++;
	}
	printf("feedparser EUC-KR: %zu/%zu\n", ok,
	       sizeof(cases) / sizeof(cases[0]));
}

/* Details of two crawler-commons samples. */
static void
test_details(void)
{
	struct parsed p =
	    parse_file("corpus/feeds/crawler-commons/feed.rss", NULL);

	if (p.n == 4) {
		NF_CHECK_STR(p.v[1].url, "https://www.example.com/guid.html");
		NF_CHECK_STR(p.v[1].title, "&guid& element instead of &link&");
		NF_CHECK_STR(p.v[2].url,
			     "https://www.example.com/foo?q=a&l=en");
		NF_CHECK_STR(p.v[3].url,
			     "https://www.example.com/foo?q=a&l=fr");
	}
	nf_discovered_free(p.v, p.n);
	p = parse_file("corpus/feeds/crawler-commons/sitemap.badns.xml", NULL);
	if (p.n == 2)
		NF_CHECK_STR(p.v[1].url, "http://www.example.com/2");
	nf_discovered_free(p.v, p.n);
	p = parse_file("corpus/feeds/trafilatura/sitemap2.xml", NULL);
	if (p.n == 2) {
		NF_CHECK_STR(p.v[1].url,
			     "http://www.example.com/sitemap2.xml.gz");
		NF_CHECK_STR(p.v[1].updated, "2005-01-01T00:00:00+09:00");
	}
	nf_discovered_free(p.v, p.n);
}

static void
test_dates(void)
{
	struct nf_tsv t;

	nf_tsv_load(&t, nf_test_data("data/discover/dates.tsv"), true);
	for (size_t i = 0; i < t.nrows; i++) {
		const char *in = nf_tsv_get(&t.rows[i], 0);
		const char *want = nf_tsv_get(&t.rows[i], 1);
		struct nf_buf b = NF_BUF_INIT(0);
		struct parsed p;

		nf_buf_printf(
		    &b,
		    "<rss><channel><item><link>http://a.example/1</link>"
		    "<pubDate>%s</pubDate></item></channel></rss>",
		    in);
		p = parse_bytes(b.data, b.len, "application/rss+xml", NULL, 0);
		NF_CHECK(
		    p.n == 1 &&
			nf_test_streq(p.v[0].published, *want ? want : NULL),
		    "%s:%d '%s' -> '%s'", t.rows[i].file, t.rows[i].line, in,
		    p.n == 1 && p.v[0].published ? p.v[0].published : "(null)");
		nf_discovered_free(p.v, p.n);
		nf_buf_release(&b);
	}
	nf_tsv_free(&t);
}

static void
test_links(void)
{
	static const char *const want[] = {
	    "https://news.example.com/news/articleView.html?idxno=1001",
	    "https://news.example.com/news/articleView.html?idxno=1002",
	    "https://cdn.example.net/x.jpg",
	    "https://news.example.com/map/1",
	    "https://news.example.com/news/list.html?page=2",
	};
	const char *page = "https://news.example.com/news/list.html?sc=S1N1";
	size_t len;
	char *html =
	    nf_test_slurp(nf_test_data("data/discover/links.html"), &len);
	struct nf_strv links = {0};
	char *canon;

	NF_CHECK(nf_discover_links(html, len, page, &links) == NF_OK, "links");
	NF_CHECK(links.n == sizeof(want) / sizeof(want[0]), "%zu links",
		 links.n);
	for (size_t i = 0; i < links.n && i < sizeof(want) / sizeof(want[0]);
	     i++)
		NF_CHECK_STR(links.v[i], want[i]);
	nf_strv_release(&links);
	canon = nf_discover_canonical(html, len, page);
	NF_CHECK_STR(canon, "https://news.example.com/section/economy");
	free(canon);
	free(html);

	canon = nf_discover_canonical(
	    "<meta property='og:url' content='http://a.example/x'>", 53,
	    "http://a.example/y");
	NF_CHECK_STR(canon, "http://a.example/x");
	free(canon);
	canon = nf_discover_canonical("<p>none</p>", 11, "http://a.example/y");
	NF_CHECK(canon == NULL, "no canonical");
	NF_CHECK(nf_discover_links("", 0, "http://a.example/", &links) ==
			 NF_OK ||
		     links.n == 0,
		 "empty page");
	nf_strv_release(&links);
}

static char *
gzip_bytes(const char *s, size_t n, size_t *outlen)
{
	uLongf cap = compressBound((uLong)n) + 32;
	char *out = nf_xmalloc(cap);
	z_stream zs = {0};

	deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)(uintptr_t)s;
	zs.avail_in = (uInt)n;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static void
test_hostile(void)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a "
	    "\"aaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<rss><channel><item><title>&i;&x;</title><link>http://a.example/"
	    "1</link>"
	    "</item></channel></rss>";
	static const char truncated[] =
	    "<rss><channel><item><title>one</title><link>http://a.example/1</"
	    "link></item>"
	    "<item><title>two</title><link>http://a.example/2</li";
	struct parsed p;
	struct nf_buf b = NF_BUF_INIT(0);
	size_t zlen;
	char *z, *zeros;

	p = parse_bytes(laughs, sizeof(laughs) - 1, NULL, NULL, 0);
	NF_CHECK(p.err == NF_OK || p.err == NF_ERR_PARSE, "laughs err %d",
		 (int)p.err);
	for (size_t i = 0; i < p.n; i++)
		NF_CHECK(!p.v[i].title || strlen(p.v[i].title) < 1000,
			 "entity expanded");
	nf_discovered_free(p.v, p.n);

	p = parse_bytes(truncated, sizeof(truncated) - 1, NULL, NULL, 0);
	NF_CHECK(p.err == NF_OK && p.n >= 1, "truncated: n=%zu", p.n);
	nf_discovered_free(p.v, p.n);

	/* 100,000 nested elements, then a valid item */
	nf_buf_append_str(&b, "<rss><channel>");
	for (int i = 0; i < 100000; i++)
		nf_buf_append_str(&b, "<x>");
	nf_buf_append_str(&b, "<item><link>http://a.example/1</link></item>");
	p = parse_bytes(b.data, b.len, NULL, NULL, 0);
	NF_CHECK(p.err == NF_OK || p.err == NF_ERR_PARSE, "deep err %d",
		 (int)p.err);
	nf_discovered_free(p.v, p.n);

	/* a body over the cap */
	p = parse_bytes(b.data, b.len, NULL, NULL, 1000);
	NF_CHECK(p.err == NF_ERR_LIMIT && p.v == NULL && p.n == 0, "cap err %d",
		 (int)p.err);
	nf_buf_release(&b);

	/* a gzip bomb: 20 MB of zeros in a few KB */
	zeros = nf_xcalloc(20u << 20, 1);
	z = gzip_bytes(zeros, 20u << 20, &zlen);
	p = parse_bytes(z, zlen, NULL, NULL, 1u << 20);
	NF_CHECK(p.err == NF_ERR_LIMIT, "gzip bomb err %d", (int)p.err);
	/* corrupt and truncated gzip */
	z[zlen / 2] ^= 0x55;
	p = parse_bytes(z, zlen, NULL, NULL, 0);
	NF_CHECK(p.err == NF_ERR_PARSE || p.err == NF_ERR_LIMIT,
		 "corrupt gzip %d", (int)p.err);
	p = parse_bytes(z, 30, NULL, NULL, 0);
	NF_CHECK(p.err == NF_ERR_PARSE, "truncated gzip %d", (int)p.err);
	free(z);
	free(zeros);

	/* binary noise and empty input */
	zeros = nf_xmalloc(65536);
	for (size_t i = 0; i < 65536; i++)
		zeros[i] = (char)((i * 2654435761u) >> 11);
	zeros[0] = '<';
	p = parse_bytes(zeros, 65536, "text/xml; charset=utf-8", NULL, 0);
	NF_CHECK(p.err == NF_OK, "noise %d", (int)p.err);
	nf_discovered_free(p.v, p.n);
	p = parse_bytes(zeros + 1, 65535, "text/xml; charset=bogus-charset",
			NULL, 0);
	NF_CHECK(p.err == NF_OK, "noise 2 %d", (int)p.err);
	nf_discovered_free(p.v, p.n);
	free(zeros);
	p = parse_bytes("", 0, NULL, NULL, 0);
	NF_CHECK(p.err == NF_OK && p.n == 0, "empty");
	p = parse_bytes("<html><body><a href=x>x</a></body></html>", 41, NULL,
			NULL, 0);
	NF_CHECK(p.err == NF_OK && p.kind == NF_DOC_UNKNOWN && p.n == 0,
		 "html");
}

/* Raw '&' in a <link> is not XML, but real feeds write it. */
static void
test_bare_ampersand(void)
{
	const char *rss =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
	    "<channel><title>t</title>"
	    "<item><title>첫째 &amp; 기사</title>"
	    "<link>http://news.example.com/view?id=1&sec=2</link></item>"
	    "<item><title><![CDATA[둘째 & 기사]]></title>"
	    "<link>http://news.example.com/view?id=2&amp;sec=2</link></item>"
	    "<item><title>셋째 R&D 기사</title>"
	    "<link>http://news.example.com/view?id=3&#38;sec=2</link></item>"
	    "</channel></rss>";
	struct parsed p = parse_bytes(rss, strlen(rss), NULL, NULL, 0);

	NF_CHECK(p.err == NF_OK && p.n == 3, "bare & items: %zu", p.n);
	if (p.n == 3) {
		NF_CHECK_STR(p.v[0].url,
			     "http://news.example.com/view?id=1&sec=2");
		NF_CHECK_STR(p.v[0].title, "첫째 & 기사");
		NF_CHECK_STR(p.v[1].title, "둘째 & 기사");
		NF_CHECK_STR(p.v[2].title, "셋째 R&D 기사");
		NF_CHECK_STR(p.v[2].url,
			     "http://news.example.com/view?id=3&sec=2");
	}
	nf_discovered_free(p.v, p.n);
}

int
main(void)
{
	test_synthetic_ko();
	test_counts();
	test_feedparser_euckr();
	test_details();
	test_dates();
	test_links();
	test_hostile();
	test_bare_ampersand();
	printf("discover: %zu corpus files parsed\n", files_checked);
	return nf_test_done("discover_test");
}
